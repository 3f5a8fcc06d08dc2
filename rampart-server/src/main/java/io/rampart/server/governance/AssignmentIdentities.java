package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * What Azure fills in on a policy assignment's managed identity (assignment-structure.md,
 * "Identity"): a {@code SystemAssigned} identity gets a principal of its own — a new
 * {@code principalId} on creation, kept while the assignment keeps that identity — and the
 * tenant; each {@code UserAssigned} identity answers with the principal and client ids of the
 * {@code Microsoft.ManagedIdentity/userAssignedIdentities} resource it names. That principal is
 * what role assignments grant the roles of the policy's roleDefinitionIds to, and what a
 * remediation writes as.
 */
final class AssignmentIdentities {

    private final String tenantId;
    /** The stored user-assigned identity resource of an id (ARM's GET shape), if any. */
    private final Function<String, Optional<JsonNode>> userAssignedIdentity;

    AssignmentIdentities(String tenantId, Function<String, Optional<JsonNode>> userAssignedIdentity) {
        this.tenantId = tenantId;
        this.userAssignedIdentity = userAssignedIdentity;
    }

    /**
     * The assignment body with its identity completed.
     *
     * @param previous the stored assignment it replaces (ARM's GET shape), or null
     */
    JsonNode complete(JsonNode assignment, JsonNode previous) {
        if (!(assignment instanceof ObjectNode body) || !(body.get("identity") instanceof ObjectNode given)) {
            return assignment;
        }
        String type = given.path("type").asText("");
        ObjectNode identity = body.putObject("identity");
        identity.put("type", type);
        if (type.equalsIgnoreCase("SystemAssigned")) {
            JsonNode before = previous == null ? null : previous.get("identity");
            boolean kept = before != null && before.path("type").asText("").equalsIgnoreCase("SystemAssigned")
                    && before.path("principalId").isTextual();
            identity.put("principalId", kept ? before.get("principalId").asText() : UUID.randomUUID().toString());
            identity.put("tenantId", tenantId);
        } else if (type.equalsIgnoreCase("UserAssigned") && given.get("userAssignedIdentities") instanceof ObjectNode users) {
            ObjectNode out = identity.putObject("userAssignedIdentities");
            Iterator<Map.Entry<String, JsonNode>> it = users.fields();
            while (it.hasNext()) {
                String id = it.next().getKey();
                ObjectNode entry = out.putObject(id);
                userAssignedIdentity.apply(id).ifPresent(r -> {
                    JsonNode p = r.path("properties");
                    if (p.path("principalId").isTextual()) {
                        entry.put("principalId", p.get("principalId").asText());
                    }
                    if (p.path("clientId").isTextual()) {
                        entry.put("clientId", p.get("clientId").asText());
                    }
                });
            }
        } else {
            given.fields().forEachRemaining(f -> identity.set(f.getKey(), f.getValue()));
        }
        return body;
    }
}
