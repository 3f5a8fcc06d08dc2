package io.rampart.governance.model;

/** An assignment's enforcementMode: Default enforces effects; DoNotEnforce only reports compliance. */
public enum EnforcementMode {
    DEFAULT("Default"), DO_NOT_ENFORCE("DoNotEnforce");

    private final String json;

    EnforcementMode(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    /** Case-insensitive; null when the text is neither value. */
    public static EnforcementMode parse(String s) {
        for (EnforcementMode m : values()) {
            if (m.json.equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }
}
