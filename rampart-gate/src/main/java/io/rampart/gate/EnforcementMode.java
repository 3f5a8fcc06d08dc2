package io.rampart.gate;

/** An assignment's enforcement mode. {@code DoNotEnforce} assignments report but never block. */
public enum EnforcementMode {
    DEFAULT("Default"), DO_NOT_ENFORCE("DoNotEnforce");

    private final String displayName;

    EnforcementMode(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** {@code Default} or {@code DoNotEnforce} (case-insensitive); null otherwise. */
    public static EnforcementMode parse(String s) {
        for (EnforcementMode m : values()) {
            if (m.displayName.equalsIgnoreCase(s == null ? "" : s.strip())) {
                return m;
            }
        }
        return null;
    }
}
