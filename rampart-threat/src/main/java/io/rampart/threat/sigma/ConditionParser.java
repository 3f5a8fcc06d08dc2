package io.rampart.threat.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses a Sigma condition (Sigma specification, "Condition"): identifiers, {@code and},
 * {@code or}, {@code not}, parentheses, {@code 1 of X}, {@code all of X} ({@code X} a name with
 * {@code *} wildcards, or {@code them}). Precedence: not, then and, then or. The deprecated
 * aggregation pipe ({@code | count() ...}) is reported as such: use a correlation rule.
 */
public final class ConditionParser {

    private final List<String> tokens;
    private int pos;

    private ConditionParser(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Thrown for a condition that does not parse; the message says where and what was expected. */
    public static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message, null, false, false);
        }
    }

    public static ConditionExpr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new SyntaxError("empty condition");
        }
        int pipe = text.indexOf('|');
        if (pipe >= 0) {
            throw new SyntaxError("aggregation expressions ('" + text.substring(pipe).trim()
                    + "') are deprecated in Sigma 2.0 and not supported; write a correlation rule");
        }
        ConditionParser p = new ConditionParser(tokenize(text));
        ConditionExpr e = p.or();
        if (p.pos < p.tokens.size()) {
            throw new SyntaxError("unexpected '" + p.tokens.get(p.pos) + "' at token " + (p.pos + 1) + " of '" + text + "'");
        }
        return e;
    }

    static List<String> tokenize(String text) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(String.valueOf(c));
                i++;
            } else {
                int start = i;
                while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '(' && text.charAt(i) != ')') {
                    i++;
                }
                out.add(text.substring(start, i));
            }
        }
        return out;
    }

    private String peek() {
        return pos < tokens.size() ? tokens.get(pos) : null;
    }

    private boolean keyword(String word) {
        String t = peek();
        return t != null && t.toLowerCase(Locale.ROOT).equals(word);
    }

    private ConditionExpr or() {
        List<ConditionExpr> items = new ArrayList<>();
        items.add(and());
        while (keyword("or")) {
            pos++;
            items.add(and());
        }
        return items.size() == 1 ? items.get(0) : new ConditionExpr.Or(items);
    }

    private ConditionExpr and() {
        List<ConditionExpr> items = new ArrayList<>();
        items.add(not());
        while (keyword("and")) {
            pos++;
            items.add(not());
        }
        return items.size() == 1 ? items.get(0) : new ConditionExpr.And(items);
    }

    private ConditionExpr not() {
        if (keyword("not")) {
            pos++;
            return new ConditionExpr.Not(not());
        }
        return primary();
    }

    private ConditionExpr primary() {
        String t = peek();
        if (t == null) {
            throw new SyntaxError("condition ends where a selection, 'not', '(' or '1 of'/'all of' was expected");
        }
        if (t.equals("(")) {
            pos++;
            ConditionExpr e = or();
            if (!")".equals(peek())) {
                throw new SyntaxError("missing ')'");
            }
            pos++;
            return e;
        }
        if (t.equals(")")) {
            throw new SyntaxError("unexpected ')'");
        }
        String lower = t.toLowerCase(Locale.ROOT);
        if (lower.equals("and") || lower.equals("or")) {
            throw new SyntaxError("'" + t + "' where a selection was expected");
        }
        if ((lower.equals("1") || lower.equals("all") || lower.equals("any")) && pos + 1 < tokens.size()
                && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            pos += 2;
            String target = peek();
            if (target == null || target.equals("(") || target.equals(")")) {
                throw new SyntaxError("'" + t + " of' must be followed by a selection name pattern or 'them'");
            }
            pos++;
            return new ConditionExpr.Of(lower.equals("all"), target.equalsIgnoreCase("them") ? null : target);
        }
        if (lower.matches("\\d+") && pos + 1 < tokens.size() && tokens.get(pos + 1).equalsIgnoreCase("of")) {
            throw new SyntaxError("'" + t + " of' is not supported: Sigma defines '1 of' and 'all of'");
        }
        pos++;
        return new ConditionExpr.Ref(t);
    }
}
