package io.rampart.governance.model;

/** Why a resource is exempt: Waiver (accepted risk) or Mitigated (met another way). Both make it Exempt. */
public enum ExemptionCategory {
    WAIVER("Waiver"), MITIGATED("Mitigated");

    private final String json;

    ExemptionCategory(String json) {
        this.json = json;
    }

    public String json() {
        return json;
    }

    public static ExemptionCategory parse(String s) {
        for (ExemptionCategory c : values()) {
            if (c.json.equalsIgnoreCase(s)) {
                return c;
            }
        }
        return null;
    }
}
