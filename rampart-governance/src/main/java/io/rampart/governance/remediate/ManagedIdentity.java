package io.rampart.governance.remediate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.Iterator;
import java.util.Map;

/**
 * A policy assignment's managed identity (assignment-structure.md, remediate-resources.md): the
 * identity Azure Policy uses to remediate (Modify) and deploy (DeployIfNotExists). An assignment
 * has at most one.
 *
 * @param type        {@code SystemAssigned} or {@code UserAssigned}
 * @param principalId the identity's principal id when known (the server fills it in for
 *                    system-assigned identities; for user-assigned ones ARM returns it under
 *                    {@code userAssignedIdentities[id].principalId})
 * @param resourceId  the user-assigned identity's resource id; null for system-assigned
 */
public record ManagedIdentity(String type, String principalId, String resourceId) {

    /** The identity of an assignment's {@code identity} object; null when it has none ({@code None} or absent). */
    public static ManagedIdentity of(JsonNode identity) {
        if (identity == null || !identity.isObject()) {
            return null;
        }
        String type = Values.toText(Values.property(identity, "type"));
        if (type == null || type.isBlank() || type.equalsIgnoreCase("None")) {
            return null;
        }
        if (type.equalsIgnoreCase("UserAssigned")) {
            JsonNode uai = Values.property(identity, "userAssignedIdentities");
            if (uai == null || !uai.isObject() || uai.isEmpty()) {
                return null;
            }
            Iterator<Map.Entry<String, JsonNode>> it = uai.properties().iterator();
            Map.Entry<String, JsonNode> first = it.next();
            JsonNode p = first.getValue() == null ? null : Values.property(first.getValue(), "principalId");
            return new ManagedIdentity("UserAssigned", p == null || p.isNull() ? null : p.asText(), first.getKey());
        }
        JsonNode p = Values.property(identity, "principalId");
        return new ManagedIdentity("SystemAssigned", p == null || p.isNull() ? null : p.asText(), null);
    }

    /** How messages name the identity. */
    public String describe() {
        if (resourceId != null) {
            return "user-assigned identity '" + resourceId + "'";
        }
        return "system-assigned identity" + (principalId == null ? "" : " '" + principalId + "'");
    }
}
