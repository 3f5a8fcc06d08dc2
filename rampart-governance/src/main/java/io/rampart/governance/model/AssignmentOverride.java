package io.rampart.governance.model;

import java.util.List;

/**
 * An assignment override: {@code kind} is {@code policyEffect} (or {@code definitionVersion},
 * which Rampart keeps but cannot apply: it ships one version of each built-in), {@code value} the
 * new effect, {@code selectors} narrow it to reference ids or resource locations.
 */
public record AssignmentOverride(String kind, String value, List<Selector> selectors) {
    public static final String POLICY_EFFECT = "policyEffect";

    public AssignmentOverride {
        selectors = List.copyOf(selectors);
    }

    public boolean isEffect() {
        return POLICY_EFFECT.equalsIgnoreCase(kind);
    }
}
