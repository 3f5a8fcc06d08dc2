package io.rampart.gate;

import java.util.Locale;

/** Reading parts of ARM resource ids without parsing them in full (case-insensitive, as ARM compares them). */
public final class IdSegments {

    private IdSegments() {
    }

    /** For {@code <scope>/providers/<ns>/<type>/<name>} where the scope is itself a resource: the scope; else null. */
    public static String extendedScope(String id) {
        if (id == null) {
            return null;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        int last = lower.lastIndexOf("/providers/");
        if (last <= 0) {
            return null;
        }
        String scope = id.substring(0, last);
        return scope.toLowerCase(Locale.ROOT).contains("/providers/") ? scope : null;
    }

    /** The segment after the first {@code segment} (e.g. the subscription id after "subscriptions"), or null. */
    public static String segmentAfter(String id, String segment) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].equalsIgnoreCase(segment)) {
                return parts[i + 1];
            }
        }
        return null;
    }

    /** Equal ignoring case, or either unknown (null): a filter that has nothing to compare lets it pass. */
    public static boolean sameOrUnknown(String a, String b) {
        return a == null || b == null || a.equalsIgnoreCase(b);
    }
}
