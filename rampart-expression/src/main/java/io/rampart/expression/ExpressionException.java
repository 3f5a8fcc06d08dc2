package io.rampart.expression;

/**
 * An expression could not be parsed, compiled or evaluated. Messages follow the wording ARM uses
 * ("The template language function 'x' ...") so users recognise them.
 */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message, null, false, false);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
