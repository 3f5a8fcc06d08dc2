package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.List;

/**
 * .NET composite formatting ({@code String.Format}) as ARM's format() uses it: items
 * {@code {index[,alignment][:formatString]}}, with {@code {{} and {@code }}} as literal braces.
 */
final class CompositeFormat {

    /** The format string or an item in it is malformed; the message follows .NET's wording. */
    static final class FormatError extends RuntimeException {
        FormatError(String message) {
            super(message, null, false, false);
        }
    }

    private static final String BAD_FORMAT = "Input string was not in a correct format.";

    /** Alignment beyond this is refused so a format string can't demand gigabytes of padding. */
    private static final int MAX_ALIGNMENT = 1 << 20;

    private CompositeFormat() {
    }

    static String format(String format, List<JsonNode> args) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == '{') {
                if (i + 1 < n && format.charAt(i + 1) == '{') {
                    out.append('{');
                    i += 2;
                    continue;
                }
                i = item(format, i + 1, args, out);
            } else if (c == '}') {
                if (i + 1 < n && format.charAt(i + 1) == '}') {
                    out.append('}');
                    i += 2;
                    continue;
                }
                throw new FormatError(BAD_FORMAT);
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Parses one item starting after its '{'; returns the position after its '}'. */
    private static int item(String f, int i, List<JsonNode> args, StringBuilder out) {
        int n = f.length();
        int start = i;
        while (i < n && Character.isDigit(f.charAt(i))) {
            i++;
        }
        if (i == start) {
            throw new FormatError(BAD_FORMAT);
        }
        long index = parseBounded(f.substring(start, i));
        i = skipSpaces(f, i);
        int alignment = 0;
        if (i < n && f.charAt(i) == ',') {
            i = skipSpaces(f, i + 1);
            boolean negative = i < n && f.charAt(i) == '-';
            if (negative) {
                i++;
            }
            int digits = i;
            while (i < n && Character.isDigit(f.charAt(i))) {
                i++;
            }
            if (i == digits) {
                throw new FormatError(BAD_FORMAT);
            }
            long width = parseBounded(f.substring(digits, i));
            if (width > MAX_ALIGNMENT) {
                throw new FormatError(BAD_FORMAT);
            }
            alignment = (int) (negative ? -width : width);
            i = skipSpaces(f, i);
        }
        String spec = null;
        if (i < n && f.charAt(i) == ':') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (true) {
                if (i >= n) {
                    throw new FormatError(BAD_FORMAT);
                }
                char c = f.charAt(i);
                if (c == '}') {
                    if (i + 1 < n && f.charAt(i + 1) == '}') {
                        sb.append('}');
                        i += 2;
                        continue;
                    }
                    break;
                }
                if (c == '{') {
                    if (i + 1 < n && f.charAt(i + 1) == '{') {
                        sb.append('{');
                        i += 2;
                        continue;
                    }
                    throw new FormatError(BAD_FORMAT);
                }
                sb.append(c);
                i++;
            }
            spec = sb.toString();
        }
        if (i >= n || f.charAt(i) != '}') {
            throw new FormatError(BAD_FORMAT);
        }
        if (index >= args.size()) {
            throw new FormatError("Index (zero based) must be greater than or equal to zero and less than the size of the argument list.");
        }
        String text = render(args.get((int) index), spec);
        int pad = Math.abs(alignment) - text.length();
        if (pad > 0 && alignment > 0) {
            out.append(" ".repeat(pad));
        }
        out.append(text);
        if (pad > 0 && alignment < 0) {
            out.append(" ".repeat(pad));
        }
        return i + 1;
    }

    /** Numbers honour the format string; other values ignore it, as .NET's non-formattable types do. */
    private static String render(JsonNode v, String spec) {
        if (v.isNumber() && spec != null && !spec.isEmpty()) {
            return DotNetNumberFormat.format(v, spec);
        }
        return Values.toText(v);
    }

    private static long parseBounded(String digits) {
        return digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(digits);
    }

    private static int skipSpaces(String f, int i) {
        while (i < f.length() && f.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
