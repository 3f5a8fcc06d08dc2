package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;

/**
 * The compliance of one resource with one policy of one assignment (the definition, or a member
 * of the assigned initiative named by {@code definitionReferenceId}, "" for a single definition),
 * as of the evaluation at {@code timestamp}. {@code details}: the rest of the policy state as
 * Microsoft.PolicyInsights serves it (effect, evaluation details ...).
 */
public record PolicyStateRecord(String resourceId, String resourceType, String subscriptionId,
                                String policyAssignmentId, String policyDefinitionId,
                                String policyDefinitionReferenceId, String policySetDefinitionId,
                                String complianceState, Instant timestamp, JsonNode details) {
    public PolicyStateRecord {
        Objects.requireNonNull(resourceId, "resourceId");
        Objects.requireNonNull(policyAssignmentId, "policyAssignmentId");
        Objects.requireNonNull(policyDefinitionId, "policyDefinitionId");
        Objects.requireNonNull(complianceState, "complianceState");
        Objects.requireNonNull(timestamp, "timestamp");
        policyDefinitionReferenceId = policyDefinitionReferenceId == null ? "" : policyDefinitionReferenceId;
    }
}
