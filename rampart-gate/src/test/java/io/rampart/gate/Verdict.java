package io.rampart.gate;

import io.rampart.policy.ComplianceState;

import java.util.Locale;

/**
 * One policy's verdict on one labelled checkov resource, as {@link CheckovGateIT} compares them:
 * checkov's pass/fail, plus what only the gate can say (the template did not expand, the resource
 * is not among the ones it would deploy, the result is unknown before deployment).
 */
enum Verdict {
    PASS, FAIL, UNKNOWN, ERROR, NOT_EXPANDED, NOT_DEPLOYED;

    /** NonCompliant fails; Unknown and Error stay themselves; everything else (compliant, not applicable) passes. */
    static Verdict of(ComplianceState s) {
        return switch (s) {
            case NON_COMPLIANT -> FAIL;
            case UNKNOWN -> UNKNOWN;
            case ERROR, CONFLICT -> ERROR;
            case COMPLIANT, PROTECTED, EXEMPT, NOT_APPLICABLE -> PASS;
        };
    }

    static Verdict ofCheckov(boolean fails) {
        return fails ? FAIL : PASS;
    }

    /** As written in reports and in checkov/gate-known-differences.json: "pass", "not-expanded", ... */
    String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
