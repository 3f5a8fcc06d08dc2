package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.scope.ArmId;

import java.time.Instant;

/**
 * One resource of a remediation task: its place in the plan and what happened to it. Served as a
 * {@code RemediationDeployment} ({@link #toJson()}: remediatedResourceId, deploymentId, status,
 * resourceLocation, error {code, message}, createdOn, lastUpdatedOn) plus Rampart's
 * {@code outcome} (Modified, Deployed, AlreadyCompliant) and {@code complianceStateAfter} (the
 * resource's state for the assignment after the action).
 *
 * @param seq            the item's position in the plan (0-based), stable across restarts
 * @param idempotencyKey identifies the action for this resource in this task: the writer or deployment
 *                       runner records it with the action, so a resumed task can ask whether it ran
 * @param deploymentId   the ARM deployment id (DeployIfNotExists), or null
 */
public record WorkItem(ArmId remediationId, int seq, ArmId resourceId, String resourceLocation, String idempotencyKey, DeploymentState state,
                       String deploymentId, String errorCode, String errorMessage, String outcome, String complianceStateAfter,
                       Instant createdOn, Instant lastUpdatedOn) {

    public static WorkItem queued(ArmId remediationId, int seq, ArmId resourceId, String location, String key, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, location, key, DeploymentState.Queued, null, null, null, null, null, now, now);
    }

    public WorkItem to(DeploymentState s, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, resourceLocation, idempotencyKey, s, deploymentId, errorCode, errorMessage, outcome,
                complianceStateAfter, createdOn, now);
    }

    public WorkItem deploying(String deploymentId, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, resourceLocation, idempotencyKey, DeploymentState.Deploying, deploymentId, null, null,
                null, null, createdOn, now);
    }

    public WorkItem succeeded(String outcome, String complianceAfter, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, resourceLocation, idempotencyKey, DeploymentState.Succeeded, deploymentId, null, null,
                outcome, complianceAfter, createdOn, now);
    }

    public WorkItem failed(String code, String message, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, resourceLocation, idempotencyKey, DeploymentState.Failed, deploymentId, code, message,
                outcome, complianceStateAfter, createdOn, now);
    }

    public WorkItem canceled(String message, Instant now) {
        return new WorkItem(remediationId, seq, resourceId, resourceLocation, idempotencyKey, DeploymentState.Canceled, deploymentId,
                "RemediationCanceled", message, outcome, complianceStateAfter, createdOn, now);
    }

    /** ARM's RemediationDeployment shape (with Rampart's outcome and complianceStateAfter). */
    public ObjectNode toJson() {
        ObjectNode o = Values.object();
        o.put("remediatedResourceId", resourceId.id());
        if (deploymentId != null) {
            o.put("deploymentId", deploymentId);
        }
        o.put("status", state.name());
        if (resourceLocation != null) {
            o.put("resourceLocation", resourceLocation);
        }
        if (errorCode != null) {
            o.putObject("error").put("code", errorCode).put("message", errorMessage);
        }
        o.put("createdOn", createdOn.toString());
        o.put("lastUpdatedOn", lastUpdatedOn.toString());
        if (outcome != null) {
            o.put("outcome", outcome);
        }
        if (complianceStateAfter != null) {
            o.put("complianceStateAfter", complianceStateAfter);
        }
        return o;
    }

    /** Everything a store keeps, for stores that keep JSON. */
    public ObjectNode toRecord() {
        ObjectNode o = toJson();
        o.put("remediationId", remediationId.id());
        o.put("seq", seq);
        o.put("idempotencyKey", idempotencyKey);
        return o;
    }

    public static WorkItem fromRecord(JsonNode o) {
        JsonNode err = o.get("error");
        return new WorkItem(ArmId.parse(o.get("remediationId").asText()), o.get("seq").asInt(), ArmId.parse(o.get("remediatedResourceId").asText()),
                text(o, "resourceLocation"), o.get("idempotencyKey").asText(), DeploymentState.valueOf(o.get("status").asText()),
                text(o, "deploymentId"), err == null ? null : text(err, "code"), err == null ? null : text(err, "message"), text(o, "outcome"),
                text(o, "complianceStateAfter"), Instant.parse(o.get("createdOn").asText()), Instant.parse(o.get("lastUpdatedOn").asText()));
    }

    private static String text(JsonNode o, String k) {
        JsonNode v = o.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }
}
