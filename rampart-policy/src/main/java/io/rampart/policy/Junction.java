package io.rampart.policy;

import java.util.List;
import java.util.Set;

/**
 * What {@code allOf} and {@code anyOf} share: both walk their conditions until one gives the
 * deciding value ({@code false} for allOf, {@code true} for anyOf). A condition that can't be
 * decided before deployment doesn't stop the walk — a later deciding value still decides — and
 * is rethrown only when none came.
 */
final class Junction {

    private Junction() {
    }

    static boolean evaluate(List<Condition> conditions, EvaluationState st, boolean deciding) {
        Undecidable undecided = null;
        for (Condition c : conditions) {
            try {
                if (c.evaluate(st) == deciding) {
                    return deciding;
                }
            } catch (Undecidable u) {
                undecided = undecided == null ? u : undecided;
            }
        }
        if (undecided != null) {
            throw undecided;
        }
        return !deciding;
    }

    static boolean applicable(List<Condition> conditions, EvaluationState st, Set<FieldRef.Kind> considered, boolean negated,
                              boolean deciding) {
        for (Condition c : conditions) {
            if (c.applicable(st, considered, negated) == deciding) {
                return deciding;
            }
        }
        return !deciding;
    }
}
