package io.rampart.governance.eval;

import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.model.EnforcementMode;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.Effect;

import java.util.List;

/**
 * One (assignment, member) pair that covers a resource: the assignment's scope covers it, no
 * notScope excludes it, its resource selectors select it. {@code policy} is the member with any
 * effect override for the resource's location applied; {@code exemptions} are the active
 * exemptions that exempt the resource from this member.
 */
public record Target(BoundAssignment assignment, BoundAssignment.Member member, BoundPolicy policy, List<PolicyExemption> exemptions) {

    public Target {
        exemptions = List.copyOf(exemptions);
    }

    public boolean exempt() {
        return !exemptions.isEmpty();
    }

    /** Default enforcement mode: effects change and block requests. DoNotEnforce only reports. */
    public boolean enforced() {
        return assignment.assignment().enforcementMode() == EnforcementMode.DEFAULT;
    }

    public Effect effect() {
        return policy.effectKind();
    }

    public String assignmentId() {
        return assignment.assignment().id().id();
    }

    public String setDefinitionId() {
        return assignment.set() == null ? null : assignment.assignment().policyDefinitionId();
    }

    public String definitionId() {
        return member.definitionId();
    }

    public String referenceId() {
        return member.referenceId();
    }
}
