package io.rampart.expression;

/**
 * Size limits checked on every value a function returns. Azure Policy enforces these during
 * evaluation (a policy that exceeds them fails evaluation); ARM templates have none of them.
 *
 * @param maxStringLength longest string a function may return
 * @param maxDepth        deepest array/object nesting a function may return
 * @param maxNodes        most JSON nodes an array/object returned by a function may contain
 */
public record EvaluationLimits(int maxStringLength, int maxDepth, int maxNodes) {

    /** No limits: templates. */
    public static final EvaluationLimits UNLIMITED = new EvaluationLimits(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE);

    /** Azure Policy's documented evaluation-time limits. */
    public static final EvaluationLimits AZURE_POLICY = new EvaluationLimits(131_072, 128, 32_768);

    public boolean unlimited() {
        return this.equals(UNLIMITED);
    }
}
