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
        Undecidable undecided = null;
        for (Condition c : conditions) {
            try {
                if (!c.evaluate(st)) {
                    return false;
                }
            } catch (Undecidable u) {
                undecided = undecided == null ? u : undecided; // a later false still decides
            }
        }
        if (undecided != null) {
            throw undecided;
        }
        return true;
    }

    @Override
    public Condition bind(Binder b) {
        List<Condition> bound = new ArrayList<>(conditions.size());
        conditions.forEach(c -> bound.add(c.bind(b)));
        return new AllOf(bound, path);
    }

    @Override
    public boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated) {
        for (Condition c : conditions) {
            if (!c.applicable(st, considered, negated)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void collectKinds(Set<FieldRef.Kind> kinds) {
        conditions.forEach(c -> c.collectKinds(kinds));
    }
}
