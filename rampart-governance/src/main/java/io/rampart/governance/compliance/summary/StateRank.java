package io.rampart.governance.compliance.summary;

import java.util.List;
import java.util.Locale;

/**
 * How Azure rolls several states up into one (compliance-states.md, "Comparing different
 * compliance states"): NonCompliant, Compliant, Error, Conflict, Protected, Exempt, Unknown, in
 * that order of precedence. NotStarted (and NotRegistered) are not considered.
 */
public final class StateRank {

    static final List<String> ORDER = List.of("NonCompliant", "Compliant", "Error", "Conflict", "Protected", "Exempt", "Unknown");

    private StateRank() {
    }

    /** Whether a state takes part in rollups (NotStarted does not). */
    public static boolean counts(String state) {
        return rank(state) < ORDER.size();
    }

    public static int rank(String state) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (ORDER.get(i).equalsIgnoreCase(state)) {
                return i;
            }
        }
        return ORDER.size();
    }

    /** The state that wins between two (null: none yet). */
    public static String worse(String a, String b) {
        if (a == null) {
            return counts(b) ? b : null;
        }
        if (b == null || !counts(b)) {
            return a;
        }
        return rank(b) < rank(a) ? b : a;
    }

    /** Summaries spell states in lower case ({@code noncompliant}), as the summarize examples show. */
    public static String summaryName(String state) {
        return state.toLowerCase(Locale.ROOT);
    }
}
