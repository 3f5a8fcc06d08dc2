package io.rampart.policy;

import java.util.Set;

/**
 * A compiled condition of a policy rule: a logical operator over other conditions, or a
 * {@code field}, {@code value} or {@code count} test. Immutable; {@link #bind} returns a copy
 * specialised for parameter values.
 */
sealed interface Condition permits AllOf, AnyOf, Not, FieldCondition, ValueCondition, CountCondition {

    /** JSON path of the condition inside the definition. */
    String path();

    /**
     * Evaluates the condition.
     *
     * @throws PolicyEvaluationException when a function or comparison fails
     */
    boolean evaluate(EvaluationState st);

    Condition bind(Binder b);

    /**
     * The rule's applicability value: only conditions on the considered field kinds are evaluated;
     * every other condition counts as true, or false under an odd number of {@code not}s, so that
     * it never makes the rule inapplicable (policy-applicability.md).
     */
    boolean applicable(EvaluationState st, Set<FieldRef.Kind> considered, boolean negated);

    /** Adds the kinds of the fields tested outside any count (for the applicability rules). */
    void collectKinds(Set<FieldRef.Kind> kinds);
}
