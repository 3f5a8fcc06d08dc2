package io.rampart.gate;

import java.util.Locale;

/** The {@code --fail-on} threshold: the lowest finding level that blocks (makes the check fail). */
public enum FailOn {
    /** Only deny-level findings block (the default). */
    DENY,
    /** Deny- and audit-level findings block. */
    AUDIT,
    /** Nothing blocks: report only. */
    NONE;

    /** Whether a finding of this level blocks. Info-level findings never do. */
    public boolean blocks(Level level) {
        return switch (this) {
            case DENY -> level == Level.DENY;
            case AUDIT -> level == Level.DENY || level == Level.AUDIT;
            case NONE -> false;
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code deny}, {@code audit} or {@code none} (case-insensitive); null otherwise. */
    public static FailOn parse(String s) {
        for (FailOn f : values()) {
            if (f.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                return f;
            }
        }
        return null;
    }
}
