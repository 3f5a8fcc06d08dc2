package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.ast.Expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser for ARM template expressions.
 *
 * <pre>
 * expression := primary ( '.' name | '[' expression ']' )*
 * primary    := string | integer | call | 'true' | 'false' | 'null'
 * call       := name ( '.' name )* '(' [ expression ( ',' expression )* ] ')'
 * string     := "'" ( any char except "'" | "''" )* "'"
 * </pre>
 *
 * The parser never recurses deeper than {@link #MAX_DEPTH}, so hostile input fails with an error
 * rather than a stack overflow.
 */
public final class ExpressionParser {

    /** Deeper nesting than this is refused at parse time (Azure Policy's own authoring limit is 64). */
    public static final int MAX_DEPTH = 256;

    private final String src;
    private int pos;
    private int depth;

    private ExpressionParser(String src) {
        this.src = src;
    }

    /**
     * Parses the inside of an expression, without the outer brackets.
     *
     * @throws ExpressionSyntaxException when the text is not a valid expression
     */
    public static Expr parse(String expression) {
        ExpressionParser p = new ExpressionParser(expression);
        p.skipWhitespace();
        if (p.pos >= p.src.length()) {
            throw p.error("The expression is empty");
        }
        Expr e = p.expression();
        p.skipWhitespace();
        if (p.pos < p.src.length()) {
            throw p.error("Unexpected character '" + p.src.charAt(p.pos) + "' after the end of the expression");
        }
        return e;
    }

    private Expr expression() {
        if (++depth > MAX_DEPTH) {
            throw error("The expression is nested more than " + MAX_DEPTH + " levels deep");
        }
        Expr e = primary();
        while (true) {
            skipWhitespace();
            if (peek('.')) {
                int at = pos++;
                skipWhitespace();
                String name = identifier("a property name after '.'");
                e = new Expr.Member(e, name, at);
            } else if (peek('[')) {
                int at = pos++;
                skipWhitespace();
                Expr index = expression();
                skipWhitespace();
                expect(']');
                e = new Expr.Index(e, index, at);
            } else {
                break;
            }
        }
        depth--;
        return e;
    }

    private Expr primary() {
        skipWhitespace();
        if (pos >= src.length()) {
            throw error("The expression ended where a value was expected");
        }
        char c = src.charAt(pos);
        if (c == '\'') {
            return stringLiteral();
        }
        if (c == '-' || isDigit(c)) {
            return integerLiteral();
        }
        if (isIdentifierStart(c)) {
            int start = pos;
            StringBuilder name = new StringBuilder(identifier("a function name"));
            skipWhitespace();
            // A dotted name is only a function name when a '(' follows: ns.func(...)
            while (peek('.')) {
                int save = pos;
                pos++;
                skipWhitespace();
                if (pos < src.length() && isIdentifierStart(src.charAt(pos))) {
                    String part = identifier("a function name");
                    skipWhitespace();
                    name.append('.').append(part);
                } else {
                    pos = save;
                    break;
                }
            }
            if (peek('(')) {
                pos++;
                List<Expr> args = arguments();
                return new Expr.Call(name.toString(), args, start);
            }
            String n = name.toString();
            if (n.indexOf('.') < 0) {
                switch (n.toLowerCase(java.util.Locale.ROOT)) {
                    case "true":
                        return new Expr.Literal(BooleanNode.TRUE, start);
                    case "false":
                        return new Expr.Literal(BooleanNode.FALSE, start);
                    case "null":
                        return new Expr.Literal(NullNode.getInstance(), start);
                    default:
                        break;
                }
            }
            throw errorAt(start, "'" + n + "' must be followed by '(' to call a function");
        }
        throw error("Unexpected character '" + c + "' where a value was expected");
    }

    private List<Expr> arguments() {
        List<Expr> args = new ArrayList<>();
        skipWhitespace();
        if (peek(')')) {
            pos++;
            return args;
        }
        while (true) {
            args.add(expression());
            skipWhitespace();
            if (peek(',')) {
                pos++;
                continue;
            }
            if (peek(')')) {
                pos++;
                return args;
            }
            if (pos >= src.length()) {
                throw error("The expression ended before the closing ')' of a function call");
            }
            throw error("Expected ',' or ')' in the argument list but found '" + src.charAt(pos) + "'");
        }
    }

    private Expr stringLiteral() {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw errorAt(start, "The string literal is not terminated by a closing quote (')");
            }
            char c = src.charAt(pos++);
            if (c == '\'') {
                if (peek('\'')) {
                    sb.append('\'');
                    pos++;
                } else {
                    return new Expr.Literal(TextNode.valueOf(sb.toString()), start);
                }
            } else {
                sb.append(c);
            }
        }
    }

    private Expr integerLiteral() {
        int start = pos;
        if (src.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < src.length() && isDigit(src.charAt(pos))) {
            pos++;
        }
        if (pos == digits) {
            throw errorAt(start, "'-' must be followed by digits");
        }
        if (pos < src.length() && (src.charAt(pos) == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1)))) {
            throw errorAt(start, "Floating point literals are not supported in ARM expressions; use json('"
                    + src.substring(start, Math.min(src.length(), pos + 8)) + "...') or float()");
        }
        String text = src.substring(start, pos);
        try {
            return new Expr.Literal(LongNode.valueOf(Long.parseLong(text)), start);
        } catch (NumberFormatException e) {
            throw errorAt(start, "The integer literal " + text + " is out of range for a 64-bit integer");
        }
    }

    private String identifier(String what) {
        if (pos >= src.length() || !isIdentifierStart(src.charAt(pos))) {
            throw error("Expected " + what);
        }
        int start = pos++;
        while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private void expect(char c) {
        if (!peek(c)) {
            if (pos >= src.length()) {
                throw error("The expression ended where '" + c + "' was expected");
            }
            throw error("Expected '" + c + "' but found '" + src.charAt(pos) + "'");
        }
        pos++;
    }

    private boolean peek(char c) {
        return pos < src.length() && src.charAt(pos) == c;
    }

    private void skipWhitespace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$';
    }

    private static boolean isIdentifierPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private ExpressionSyntaxException error(String message) {
        return errorAt(Math.min(pos, src.length()), message);
    }

    private ExpressionSyntaxException errorAt(int at, String message) {
        return new ExpressionSyntaxException(message, src, at);
    }

    /** For tests and tools: a node value is a literal JSON value. */
    static JsonNode literalValue(Expr e) {
        return e instanceof Expr.Literal l ? l.value() : null;
    }
}
