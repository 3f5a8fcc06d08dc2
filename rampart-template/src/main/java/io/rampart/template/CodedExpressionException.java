package io.rampart.template;

import io.rampart.expression.ExpressionException;

/**
 * A template function failed for a reason with its own problem code (copyIndex outside a copy
 * loop, reference() in a variable, a recursive user function). It passes through the expression
 * evaluator unchanged and is reported with its code at the JSON path being evaluated.
 */
final class CodedExpressionException extends ExpressionException {

    private final String code;

    CodedExpressionException(String code, String message) {
        super(message);
        this.code = code;
    }

    String code() {
        return code;
    }
}
