package io.rampart.threat.sigma;

import java.util.Locale;

/** A Sigma rule's {@code level}, lowest first (Sigma specification, "Level"). */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The level named in a rule, or null when the text is none of Sigma's five. */
    public static Level parse(String text) {
        if (text == null) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public String sigmaName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
