package io.rampart.gate;

import io.rampart.policy.ComplianceState;

/**
 * One policy that applies to one resource, and its outcome: compliant ({@code finding} null) or a
 * {@link Finding}. Not-applicable pairs are not recorded.
 */
public record Check(ResourceRef resource, AppliedPolicy policy, String effect, ComplianceState complianceState, Finding finding) {

    public boolean passed() {
        return finding == null;
    }
}
