package io.rampart.governance.compliance.query;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/**
 * The OData {@code $filter} subset PolicyInsights queries use: comparisons {@code eq ne gt ge lt le}
 * of a property with a literal ('text' with '' escaping, numbers, true/false, null, ISO date-times),
 * {@code 'x' in Property} for array properties (policyDefinitionGroupNames), {@code and}, {@code or},
 * {@code not} and parentheses. Property names match without regard to case; text compares without
 * regard to case (Azure lower-cases ids in policy states). Anything else is a
 * {@link QuerySyntaxException} that says what was found and where.
 */
public sealed interface FilterExpression {

    boolean test(JsonNode row);

    /** No filter: every row. */
    record All() implements FilterExpression {
        public boolean test(JsonNode row) {
            return true;
        }
    }

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode row) {
            return left.test(row) && right.test(row);
        }
    }

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        public boolean test(JsonNode row) {
            return left.test(row) || right.test(row);
        }
    }

    record Not(FilterExpression inner) implements FilterExpression {
        public boolean test(JsonNode row) {
            return !inner.test(row);
        }
    }

    /** {@code Property op literal}. */
    record Compare(String property, String op, JsonNode literal) implements FilterExpression {
        public boolean test(JsonNode row) {
            JsonNode v = Values.property(row, property);
            boolean missing = v == null || v.isNull();
            if (literal.isNull()) {
                return op.equals("eq") ? missing : op.equals("ne") && !missing;
            }
            if (missing) {
                return op.equals("ne");
            }
            int c = compare(v, literal);
            return switch (op) {
                case "eq" -> c == 0;
                case "ne" -> c != 0;
                case "gt" -> c > 0;
                case "ge" -> c >= 0;
                case "lt" -> c < 0;
                default -> c <= 0;
            };
        }
    }

    /** {@code 'value' in Property} (array property contains the value). */
    record In(JsonNode literal, String property) implements FilterExpression {
        public boolean test(JsonNode row) {
            JsonNode v = Values.property(row, property);
            if (v == null || !v.isArray()) {
                return false;
            }
            for (JsonNode m : v) {
                if (compare(m, literal) == 0) {
                    return true;
                }
            }
            return false;
        }
    }

    static int compare(JsonNode v, JsonNode literal) {
        if (literal.isNumber() && v.isNumber()) {
            return v.decimalValue().compareTo(literal.decimalValue());
        }
        if (literal.isBoolean()) {
            boolean b = v.isBoolean() ? v.booleanValue() : v.asText().equalsIgnoreCase("true");
            return Boolean.compare(b, literal.booleanValue());
        }
        String a = v.asText();
        String b = literal.asText();
        Instant ta = instant(a);
        Instant tb = instant(b);
        if (ta != null && tb != null) {
            return ta.compareTo(tb);
        }
        return a.toLowerCase(Locale.ROOT).compareTo(b.toLowerCase(Locale.ROOT));
    }

    private static Instant instant(String s) {
        if (s.length() < 10 || !Character.isDigit(s.charAt(0))) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (RuntimeException e) {
            try {
                return Instant.parse(s);
            } catch (RuntimeException e2) {
                return null;
            }
        }
    }

    /** Parses a $filter; null or blank: matches everything. */
    static FilterExpression parse(String text) {
        if (text == null || text.isBlank()) {
            return new All();
        }
        Parser p = new Parser(text);
        FilterExpression e = p.or();
        p.skip();
        if (!p.atEnd()) {
            throw new QuerySyntaxException("Unexpected '" + p.rest() + "' at position " + (p.pos + 1) + " of $filter '" + text + "'.");
        }
        return e;
    }

    /** Recursive descent over the filter text. */
    final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        FilterExpression or() {
            FilterExpression left = and();
            while (keyword("or")) {
                left = new Or(left, and());
            }
            return left;
        }

        FilterExpression and() {
            FilterExpression left = unary();
            while (keyword("and")) {
                left = new And(left, unary());
            }
            return left;
        }

        FilterExpression unary() {
            if (keyword("not")) {
                return new Not(unary());
            }
            skip();
            if (peek() == '(') {
                pos++;
                FilterExpression inner = or();
                skip();
                expect(')');
                return inner;
            }
            if (peek() == '\'') {
                JsonNode lit = literal();
                if (!keyword("in")) {
                    throw new QuerySyntaxException("Expected 'in' after " + lit + " at position " + (pos + 1) + " of $filter '" + s + "'.");
                }
                return new In(lit, identifier());
            }
            String property = identifier();
            skip();
            if (peek() == '(') {
                throw new QuerySyntaxException("The function '" + property + "' is not supported in $filter; supported: eq, ne, gt, ge, lt, le, "
                        + "'value' in Property, and, or, not, parentheses.");
            }
            String op = word();
            if (!List.of("eq", "ne", "gt", "ge", "lt", "le").contains(op.toLowerCase(Locale.ROOT))) {
                throw new QuerySyntaxException("The operator '" + op + "' is not supported in $filter (after '" + property
                        + "'); supported: eq, ne, gt, ge, lt, le.");
            }
            return new Compare(property, op.toLowerCase(Locale.ROOT), literal());
        }

        JsonNode literal() {
            skip();
            if (atEnd()) {
                throw new QuerySyntaxException("A value is missing at the end of $filter '" + s + "'.");
            }
            if (peek() == '\'') {
                StringBuilder b = new StringBuilder();
                pos++;
                while (true) {
                    if (atEnd()) {
                        throw new QuerySyntaxException("Unterminated string in $filter '" + s + "'.");
                    }
                    char c = s.charAt(pos++);
                    if (c == '\'') {
                        if (!atEnd() && s.charAt(pos) == '\'') {
                            b.append('\'');
                            pos++;
                        } else {
                            break;
                        }
                    } else {
                        b.append(c);
                    }
                }
                return com.fasterxml.jackson.databind.node.TextNode.valueOf(b.toString());
            }
            String w = word();
            switch (w.toLowerCase(Locale.ROOT)) {
                case "true":
                    return com.fasterxml.jackson.databind.node.BooleanNode.TRUE;
                case "false":
                    return com.fasterxml.jackson.databind.node.BooleanNode.FALSE;
                case "null":
                    return com.fasterxml.jackson.databind.node.NullNode.getInstance();
                default:
                    break;
            }
            try {
                return Values.NODES.numberNode(new BigDecimal(w));
            } catch (NumberFormatException e) {
                if (instant(w) != null) {
                    return com.fasterxml.jackson.databind.node.TextNode.valueOf(w);
                }
                throw new QuerySyntaxException("'" + w + "' is not a value (expected 'text', a number, true, false, null or a date-time) in $filter '"
                        + s + "'.");
            }
        }

        String identifier() {
            String w = word();
            if (w.isEmpty() || !Character.isLetter(w.charAt(0))) {
                throw new QuerySyntaxException("Expected a property name at position " + (pos + 1) + " of $filter '" + s + "'.");
            }
            return w;
        }

        /** A run of letters, digits and the characters of date-times and numbers. */
        String word() {
            skip();
            int start = pos;
            while (!atEnd() && (Character.isLetterOrDigit(peek()) || "_.:-+$".indexOf(peek()) >= 0)) {
                pos++;
            }
            return s.substring(start, pos);
        }

        boolean keyword(String k) {
            skip();
            int end = pos + k.length();
            if (end <= s.length() && s.substring(pos, end).equalsIgnoreCase(k) && (end == s.length() || !Character.isLetterOrDigit(s.charAt(end)))) {
                pos = end;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (atEnd() || peek() != c) {
                throw new QuerySyntaxException("Expected '" + c + "' at position " + (pos + 1) + " of $filter '" + s + "'.");
            }
            pos++;
        }

        void skip() {
            while (!atEnd() && Character.isWhitespace(peek())) {
                pos++;
            }
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        /** The next character, or NUL at the end. */
        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        String rest() {
            return s.substring(pos);
        }
    }
}
