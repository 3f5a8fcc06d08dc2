package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;

import java.util.List;

/**
 * The resources the latest compliance data says are NonCompliant for an assignment (and member),
 * at or below a scope — what {@link DiscoveryMode#ExistingNonCompliant} remediates. The server
 * answers from its stored policy states.
 */
@FunctionalInterface
public interface NonCompliantSource {

    List<ArmId> nonCompliant(ArmId policyAssignmentId, String policyDefinitionReferenceId, ArmId scope);
}
