package io.rampart.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code allOf}: true when every condition is (evaluation stops at the first false). */
record AllOf(List<Condition> conditions, String path) implements Condition {

    AllOf {
        conditions = List.copyOf(conditions);
    }

    @Override
    public boolean evaluate(EvaluationState st) {
        return Junction.evaluate(conditions, st, false);
    }

    @Override
    public Condition bind(Binder b) {
        List<Condition> bound = new ArrayList<>(conditions.size());
        conditions.forEach(c -> bound.add(c.bind(b)));
        return new AllOf(bound, path);
    }

    @Override
    public boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated) {
        return Junction.applicable(conditions, st, considered, negated, false);
    }

    @Override
    public void collectKinds(Set<FieldRef.Kind> kinds) {
        conditions.forEach(c -> c.collectKinds(kinds));
    }
}
