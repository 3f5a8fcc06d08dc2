package io.rampart.policy;

import java.util.Locale;

/**
 * The string patterns of the like/notLike and match/notMatch operators, compiled once and matched
 * without regular expressions, in time linear in the input (hostile patterns cannot hang).
 */
public final class Patterns {

    private Patterns() {
    }

    /** A compiled pattern. */
    public interface Matcher {
        boolean matches(String value);
    }

    /**
     * {@code like}: '*' matches any run of characters (Azure documents a single wildcard; several
     * are accepted). Case-insensitive.
     */
    public static Matcher like(String pattern) {
        String p = pattern.toLowerCase(Locale.ROOT);
        if (p.indexOf('*') < 0) {
            return v -> v.equalsIgnoreCase(pattern);
        }
        String[] parts = p.split("\\*", -1);
        return v -> wildcard(v.toLowerCase(Locale.ROOT), parts);
    }

    private static boolean wildcard(String v, String[] parts) {
        // parts[0] is a prefix, parts[n-1] a suffix, the middle ones must appear in order.
        String first = parts[0];
        String last = parts[parts.length - 1];
        if (!v.startsWith(first)) {
            return false;
        }
        int pos = first.length();
        int end = v.length() - last.length();
        if (end < pos) {
            return false;
        }
        for (int i = 1; i < parts.length - 1; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                continue;
            }
            int at = v.indexOf(part, pos);
            if (at < 0 || at + part.length() > end) {
                return false;
            }
            pos = at + part.length();
        }
        return v.endsWith(last);
    }

    /**
     * {@code match}: '#' is a digit, '?' a letter, '.' any character, anything else itself; the
     * whole value must match.
     */
    public static Matcher match(String pattern, boolean ignoreCase) {
        char[] p = pattern.toCharArray();
        return v -> {
            if (v.length() != p.length) {
                return false;
            }
            for (int i = 0; i < p.length; i++) {
                char c = v.charAt(i);
                char q = p[i];
                boolean ok = switch (q) {
                    case '#' -> Character.isDigit(c);
                    case '?' -> Character.isLetter(c);
                    case '.' -> true;
                    default -> c == q || ignoreCase && (Character.toLowerCase(c) == Character.toLowerCase(q)
                            || Character.toUpperCase(c) == Character.toUpperCase(q));
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        };
    }
}
