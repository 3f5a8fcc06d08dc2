package io.rampart.policy;

import java.util.Set;

/** {@code not}: inverts its condition. */
record Not(Condition condition, String path) implements Condition {

    @Override
    public boolean evaluate(EvaluationState st) {
        return !condition.evaluate(st);
    }

    @Override
    public Condition bind(Binder b) {
        return new Not(condition.bind(b), path);
    }

    @Override
    public boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated) {
        return !condition.applicable(st, considered, !negated);
    }

    @Override
    public void collectKinds(Set<FieldRef.Kind> kinds) {
        condition.collectKinds(kinds);
    }
}
