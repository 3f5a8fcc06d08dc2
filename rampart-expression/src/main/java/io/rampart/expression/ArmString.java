package io.rampart.expression;

/**
 * How ARM reads a JSON string: {@code "[...]"} is an expression, {@code "[[..."} is a literal
 * that starts with one '[', anything else is a literal.
 */
public final class ArmString {

    private ArmString() {
    }

    /** True when the JSON string is an expression. */
    public static boolean isExpression(String s) {
        return s.length() >= 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']' && s.charAt(1) != '[';
    }

    /** The literal value of a string that is not an expression (drops the escaping '['). */
    public static String literal(String s) {
        return s.startsWith("[[") ? s.substring(1) : s;
    }

    /** The text between the outer brackets of an expression string. */
    public static String inner(String s) {
        return s.substring(1, s.length() - 1);
    }
}
