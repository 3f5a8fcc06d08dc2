package io.rampart.expression;

/** The text of an expression is not valid ARM expression syntax. */
public final class ExpressionSyntaxException extends ExpressionException {

    private final String source;
    private final int position;

    public ExpressionSyntaxException(String message, String source, int position) {
        super(message + " (at position " + (position + 1) + " of '" + abbreviate(source) + "')");
        this.source = source;
        this.position = position;
    }

    public String source() {
        return source;
    }

    /** Zero-based offset in the expression text where the problem was found. */
    public int position() {
        return position;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
