package io.rampart.policy;

/** Compliance states as Azure Policy reports them, plus NotApplicable for resources a policy doesn't cover. */
public enum ComplianceState {
    COMPLIANT("Compliant"),
    NON_COMPLIANT("NonCompliant"),
    /** Manual policies without an attestation, or related resources that can't be looked up. */
    UNKNOWN("Unknown"),
    /** A DenyAction policy protects the resource. */
    PROTECTED("Protected"),
    EXEMPT("Exempt"),
    CONFLICT("Conflict"),
    ERROR("Error"),
    /** The policy does not apply to the resource (Rampart: Azure omits such resources). */
    NOT_APPLICABLE("NotApplicable");

    private final String displayName;

    ComplianceState(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public static ComplianceState parse(String s) {
        for (ComplianceState c : values()) {
            if (c.displayName.equalsIgnoreCase(s)) {
                return c;
            }
        }
        return null;
    }
}
