package io.rampart.policy.alias;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A JSON path an alias maps to, such as {@code properties.networkAcls.ipRules[*].value}, split once
 * into steps. A {@code null} step is the {@code [*]} wildcard. Names keep their case for output and
 * have a lower-cased twin for matching (resource property names are case-insensitive).
 */
public final class PropertyPath {

    private final String text;
    private final String[] steps;
    private final String[] lowerSteps;
    private final int wildcards;

    private PropertyPath(String text, String[] steps) {
        this.text = text;
        this.steps = steps;
        this.lowerSteps = new String[steps.length];
        int w = 0;
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] == null) {
                w++;
            } else {
                lowerSteps[i] = steps[i].toLowerCase(Locale.ROOT);
            }
        }
        this.wildcards = w;
    }

    /**
     * Parses {@code a.b[*].c}; bracketed quoted names ({@code a['x.y']}) are accepted too.
     *
     * @throws IllegalArgumentException when the text is not a path
     */
    public static PropertyPath parse(String text) {
        List<String> steps = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '.') {
                flush(cur, steps, text);
                i++;
            } else if (c == '[') {
                if (text.startsWith("[*]", i)) {
                    if (cur.length() > 0) {
                        steps.add(cur.toString());
                        cur.setLength(0);
                    }
                    steps.add(null);
                    i += 3;
                } else if (i + 1 < n && (text.charAt(i + 1) == '\'' || text.charAt(i + 1) == '"')) {
                    char q = text.charAt(i + 1);
                    int end = text.indexOf(q + "]", i + 2);
                    if (end < 0) {
                        throw new IllegalArgumentException("unterminated quoted name in path '" + text + "'");
                    }
                    if (cur.length() > 0) {
                        steps.add(cur.toString());
                        cur.setLength(0);
                    }
                    steps.add(text.substring(i + 2, end));
                    i = end + 2;
                } else {
                    throw new IllegalArgumentException("unexpected '[' in path '" + text + "'");
                }
            } else {
                cur.append(c);
                i++;
            }
        }
        if (cur.length() > 0) {
            steps.add(cur.toString());
        }
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("empty path");
        }
        return new PropertyPath(text, steps.toArray(new String[0]));
    }

    private static void flush(StringBuilder cur, List<String> steps, String text) {
        if (cur.length() > 0) {
            steps.add(cur.toString());
            cur.setLength(0);
        } else if (steps.isEmpty() || steps.get(steps.size() - 1) != null) {
            throw new IllegalArgumentException("empty property name in path '" + text + "'");
        }
    }

    public String text() {
        return text;
    }

    public int length() {
        return steps.length;
    }

    /** The name at step {@code i}, or null for a wildcard. */
    public String step(int i) {
        return steps[i];
    }

    public boolean isWildcard(int i) {
        return steps[i] == null;
    }

    public int wildcardCount() {
        return wildcards;
    }

    public boolean hasWildcard() {
        return wildcards > 0;
    }

    /** True when this path and {@code other} have the same first {@code count} steps (ignoring case). */
    public boolean samePrefix(PropertyPath other, int count) {
        if (count > steps.length || count > other.steps.length) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (steps[i] == null ? other.steps[i] != null : !lowerSteps[i].equals(other.lowerSteps[i])) {
                return false;
            }
        }
        return true;
    }

    /** The ordinal (0-based, among wildcards) of the wildcard at step {@code i}. */
    public int wildcardOrdinal(int i) {
        int w = 0;
        for (int k = 0; k < i; k++) {
            if (steps[k] == null) {
                w++;
            }
        }
        return w;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PropertyPath p && p.steps.length == steps.length && samePrefix(p, steps.length);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(lowerSteps);
    }

    @Override
    public String toString() {
        return text;
    }
}
