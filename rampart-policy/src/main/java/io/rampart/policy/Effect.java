package io.rampart.policy;

import java.util.Locale;

/** The effects of Azure Policy. Names are case-insensitive in definitions. */
public enum Effect {
    DISABLED("Disabled"),
    AUDIT("Audit"),
    DENY("Deny"),
    DENY_ACTION("DenyAction"),
    /** Audits (without blocking) the actions listed in details.actionNames, e.g. delete. */
    AUDIT_ACTION("AuditAction"),
    APPEND("Append"),
    MODIFY("Modify"),
    AUDIT_IF_NOT_EXISTS("AuditIfNotExists"),
    DEPLOY_IF_NOT_EXISTS("DeployIfNotExists"),
    MANUAL("Manual"),
    /** Kubernetes mutation (Microsoft.Kubernetes.Data mode); evaluated in the cluster. */
    MUTATE("Mutate"),
    /** Azure Virtual Network Manager (Microsoft.Network.Data mode). */
    ADD_TO_NETWORK_GROUP("AddToNetworkGroup"),
    /** Data-plane setting enforcement (Microsoft.MachineLearningServices.Data mode). */
    ENFORCE_SETTING("EnforceSetting"),
    /** Legacy Kubernetes effects. */
    ENFORCE_OPA_CONSTRAINT("EnforceOPAConstraint"),
    ENFORCE_REGO_POLICY("EnforceRegoPolicy");

    private final String displayName;

    Effect(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Null when the name is no effect. */
    public static Effect parse(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (Effect e : values()) {
            if (e.displayName.toLowerCase(Locale.ROOT).equals(n)) {
                return e;
            }
        }
        return null;
    }

    /** AuditIfNotExists and DeployIfNotExists: compliance depends on related resources. */
    public boolean isIfNotExists() {
        return this == AUDIT_IF_NOT_EXISTS || this == DEPLOY_IF_NOT_EXISTS;
    }

    /** Effects Rampart evaluates against Resource Manager resources. */
    public boolean isResourceManagerEffect() {
        return switch (this) {
            case MUTATE, ADD_TO_NETWORK_GROUP, ENFORCE_SETTING, ENFORCE_OPA_CONSTRAINT, ENFORCE_REGO_POLICY -> false;
            default -> true;
        };
    }
}
