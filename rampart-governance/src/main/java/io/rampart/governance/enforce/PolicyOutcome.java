package io.rampart.governance.enforce;

import io.rampart.governance.eval.Target;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationResult;

/**
 * What one (assignment, member) made of a request: its compliance state for the resource as
 * written (NonCompliant, Compliant, Exempt, Protected, Unknown, Error, NotApplicable) and the
 * evaluation behind it. {@code acted} is true when the effect changed or blocked the request.
 */
public record PolicyOutcome(Target target, EvaluationResult result, ComplianceState state, boolean acted) {

    public String effect() {
        return target.policy().effect();
    }
}
