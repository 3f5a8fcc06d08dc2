package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rampart.expression.Values;

import java.util.List;

/** Small string algorithms shared by several functions, with .NET's (not Java's) semantics. */
final class Strings {

    private Strings() {
    }

    /** Splits on any of the delimiters, keeping empty entries, as .NET String.Split does. */
    static ArrayNode split(String s, List<String> delimiters) {
        ArrayNode out = Values.array();
        int start = 0;
        int i = 0;
        outer:
        while (i < s.length()) {
            for (String d : delimiters) {
                if (!d.isEmpty() && s.startsWith(d, i)) {
                    out.add(s.substring(start, i));
                    i += d.length();
                    start = i;
                    continue outer;
                }
            }
            i++;
        }
        out.add(s.substring(start));
        return out;
    }

    /** Ordinal, case-insensitive search that keeps indexes in the original string. */
    static int indexOfIgnoreCase(String s, String find) {
        for (int i = 0; i + find.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, find, 0, find.length())) {
                return i;
            }
        }
        return -1;
    }

    static int lastIndexOfIgnoreCase(String s, String find) {
        if (find.isEmpty()) {
            // .NET (Core) answers the length for an empty search string, Java would too; keep it explicit.
            return s.length();
        }
        for (int i = s.length() - find.length(); i >= 0; i--) {
            if (s.regionMatches(true, i, find, 0, find.length())) {
                return i;
            }
        }
        return -1;
    }

    /** .NET Trim(): removes Unicode white space, which includes no-break spaces unlike Java's strip(). */
    static String trim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isWhiteSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isWhiteSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isWhiteSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    /** Invariant, one-to-one case mapping: the result is as long as the input, as in .NET. */
    static String toUpper(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(c -> sb.append((char) Character.toUpperCase(c)));
        return sb.toString();
    }

    static String toLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.chars().forEach(c -> sb.append((char) Character.toLowerCase(c)));
        return sb.toString();
    }
}
