package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.scope.ArmId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A remediation task's state, as stored and as ARM serves it ({@link #toJson()}: the
 * {@code Remediation} shape of PolicyInsights 2021-10-01 — id, name, type, properties with
 * policyAssignmentId, policyDefinitionReferenceId, resourceDiscoveryMode, provisioningState,
 * createdOn, lastUpdatedOn, filters, deploymentStatus {totalDeployments, successfulDeployments,
 * failedDeployments}, statusMessage, correlationId, parallelDeployments, resourceCount,
 * failureThreshold). Immutable; every change is a new value written to the store.
 */
public record RemediationTask(RemediationSpec spec, ProvisioningState state, Instant createdOn, Instant lastUpdatedOn, String statusMessage,
                              String correlationId, int total, int succeeded, int failed) {

    public ArmId id() {
        return spec.id();
    }

    public RemediationTask with(ProvisioningState s, String message, Instant now) {
        return new RemediationTask(spec, s, createdOn, now, message, correlationId, total, succeeded, failed);
    }

    public RemediationTask withCounts(int total, int succeeded, int failed, Instant now) {
        return new RemediationTask(spec, state, createdOn, now, statusMessage, correlationId, total, succeeded, failed);
    }

    /** ARM's GET body. */
    public ObjectNode toJson() {
        ObjectNode root = Values.object();
        ObjectNode p = root.putObject("properties");
        p.put("policyAssignmentId", spec.policyAssignmentId().id());
        if (spec.policyDefinitionReferenceId() != null) {
            p.put("policyDefinitionReferenceId", spec.policyDefinitionReferenceId());
        }
        p.put("resourceDiscoveryMode", spec.discoveryMode().name());
        p.put("provisioningState", state.name());
        p.put("createdOn", createdOn.toString());
        p.put("lastUpdatedOn", lastUpdatedOn.toString());
        if (!spec.locations().isEmpty() || !spec.resourceIds().isEmpty()) {
            ObjectNode f = p.putObject("filters");
            if (!spec.locations().isEmpty()) {
                ArrayNode l = f.putArray("locations");
                spec.locations().forEach(l::add);
            }
            if (!spec.resourceIds().isEmpty()) {
                ArrayNode r = f.putArray("resourceIds");
                spec.resourceIds().forEach(r::add);
            }
        }
        ObjectNode ds = p.putObject("deploymentStatus");
        ds.put("totalDeployments", total);
        ds.put("successfulDeployments", succeeded);
        ds.put("failedDeployments", failed);
        if (statusMessage != null) {
            p.put("statusMessage", statusMessage);
        }
        p.put("correlationId", correlationId);
        p.put("parallelDeployments", spec.parallelDeployments());
        p.put("resourceCount", spec.resourceCount());
        p.putObject("failureThreshold").put("percentage", spec.failureThreshold());
        root.put("id", spec.id().id());
        root.put("name", spec.id().name());
        root.put("type", "Microsoft.PolicyInsights/remediations");
        return root;
    }

    /** Everything a store keeps (the ARM body plus the scope), for stores that keep JSON. */
    public ObjectNode toRecord() {
        ObjectNode o = toJson();
        o.put("scope", spec.scope().id());
        return o;
    }

    /** The inverse of {@link #toRecord()}. */
    public static RemediationTask fromRecord(JsonNode o) {
        JsonNode p = o.get("properties");
        List<String> locations = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        JsonNode f = p.get("filters");
        if (f != null) {
            if (f.has("locations")) {
                f.get("locations").forEach(x -> locations.add(x.asText()));
            }
            if (f.has("resourceIds")) {
                f.get("resourceIds").forEach(x -> ids.add(x.asText()));
            }
        }
        RemediationSpec spec = new RemediationSpec(ArmId.parse(o.get("id").asText()), ArmId.parse(o.get("scope").asText()),
                ArmId.parse(p.get("policyAssignmentId").asText()), p.hasNonNull("policyDefinitionReferenceId") ? p.get("policyDefinitionReferenceId").asText() : null,
                DiscoveryMode.valueOf(p.get("resourceDiscoveryMode").asText()), locations, ids, p.get("parallelDeployments").asInt(),
                p.get("resourceCount").asInt(), p.get("failureThreshold").get("percentage").asDouble());
        JsonNode ds = p.get("deploymentStatus");
        return new RemediationTask(spec, ProvisioningState.valueOf(p.get("provisioningState").asText()), Instant.parse(p.get("createdOn").asText()),
                Instant.parse(p.get("lastUpdatedOn").asText()), p.hasNonNull("statusMessage") ? p.get("statusMessage").asText() : null,
                p.get("correlationId").asText(), ds.get("totalDeployments").asInt(), ds.get("successfulDeployments").asInt(),
                ds.get("failedDeployments").asInt());
    }
}
