package io.rampart.server.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.RequestContext;
import io.rampart.store.Principal;
import io.rampart.store.Store;

import java.util.Optional;
import java.util.UUID;

/**
 * Rampart's stand-in for Entra ID (a Rampart extension, not an ARM API):
 * {@code POST /providers/Rampart.Access/principals} creates a principal and returns its object id
 * and a bearer token. Only a caller who may write role assignments at the root may do it; what
 * the new principal may do is then decided by role assignments, as in Azure.
 */
public final class PrincipalAdmin {

    public static final String ACTION = "Microsoft.Authorization/roleAssignments/write";

    private final Store store;
    private final Rbac rbac;

    public PrincipalAdmin(Store store, Rbac rbac) {
        this.store = store;
        this.rbac = rbac;
    }

    public JsonNode create(RequestContext ctx, JsonNode body) {
        rbac.require(ctx.caller(), ACTION, "/");
        String displayName = body.path("displayName").asText("");
        if (displayName.isBlank()) {
            throw ArmErrors.invalidRequestContent("displayName: a non-empty string is required");
        }
        String id = body.path("principalId").asText(UUID.randomUUID().toString());
        Principal p = store.principals().create(id, displayName, body.path("kind").asText("User"));
        String token = store.principals().issueToken(p.id(), "issued by " + ctx.caller().principalId(), Optional.empty());
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("principalId", p.id());
        out.put("displayName", p.displayName());
        out.put("token", token);
        return out;
    }
}
