package io.rampart.expression;

/**
 * Size figures of one expression, for authoring limits (Azure Policy: 2,048 functions per rule,
 * 128 parameters per function, nesting depth 64, 81,920 characters per expression).
 *
 * @param functionCalls number of function calls
 * @param maxNesting    deepest nesting of function calls
 * @param maxArguments  largest argument count of any call
 * @param length        length of the expression text, brackets included
 */
public record ExpressionStats(int functionCalls, int maxNesting, int maxArguments, int length) {

    public static final ExpressionStats NONE = new ExpressionStats(0, 0, 0, 0);

    public ExpressionStats plus(ExpressionStats o) {
        return new ExpressionStats(functionCalls + o.functionCalls, Math.max(maxNesting, o.maxNesting),
                Math.max(maxArguments, o.maxArguments), Math.max(length, o.length));
    }
}
