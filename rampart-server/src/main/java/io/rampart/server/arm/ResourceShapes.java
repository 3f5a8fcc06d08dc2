package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.store.StoredResource;

import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The JSON ARM answers for a stored resource: id, name and type first, then the body, then
 * systemData; subscriptions, resource groups and management groups have their own shapes.
 */
public final class ResourceShapes {

    /** Body fields Rampart keeps for itself (never served). */
    static final Set<String> INTERNAL = Set.of("managementGroupId");
    /** Fields the server computes; dropped from request bodies. */
    static final Set<String> COMPUTED = Set.of("id", "name", "type", "systemData", "etag");

    private final String tenantId;

    public ResourceShapes(String tenantId) {
        this.tenantId = tenantId;
    }

    static final JsonNodeFactory F = JsonNodeFactory.instance;

    public String tenantId() {
        return tenantId;
    }

    public ObjectNode shape(StoredResource r) {
        ArmId id = ArmId.parse(r.id());
        return switch (id.kind()) {
            case SUBSCRIPTION -> subscription(r);
            case RESOURCE_GROUP -> resourceGroup(r);
            case MANAGEMENT_GROUP -> managementGroup(r);
            case RESOURCE -> generic(r);
        };
    }

    ObjectNode generic(StoredResource r) {
        ObjectNode out = F.objectNode();
        out.put("id", r.id());
        out.put("name", r.name());
        out.put("type", r.type());
        copyBody(r.body(), out);
        out.set("systemData", systemData(r));
        return out;
    }

    private static void copyBody(JsonNode body, ObjectNode out) {
        Iterator<Map.Entry<String, JsonNode>> fields = body.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (!COMPUTED.contains(f.getKey()) && !INTERNAL.contains(f.getKey())) {
                out.set(f.getKey(), f.getValue());
            }
        }
    }

    ObjectNode subscription(StoredResource r) {
        ObjectNode out = F.objectNode();
        out.put("id", r.id());
        out.put("authorizationSource", "RoleBased");
        out.putArray("managedByTenants");
        out.put("subscriptionId", r.name());
        out.put("tenantId", tenantId);
        out.put("displayName", r.body().path("displayName").asText(r.name()));
        out.put("state", r.body().path("state").asText("Enabled"));
        ObjectNode policies = out.putObject("subscriptionPolicies");
        policies.put("locationPlacementId", "Public_2014-09-01");
        policies.put("quotaId", "PayAsYouGo_2014-09-01");
        policies.put("spendingLimit", "Off");
        if (r.body().has("tags")) {
            out.set("tags", r.body().get("tags"));
        }
        return out;
    }

    ObjectNode resourceGroup(StoredResource r) {
        ObjectNode out = F.objectNode();
        out.put("id", r.id());
        out.put("name", r.name());
        out.put("type", ArmId.RESOURCE_GROUP_TYPE);
        out.put("location", r.body().path("location").asText());
        if (r.body().hasNonNull("managedBy")) {
            out.set("managedBy", r.body().get("managedBy"));
        }
        if (r.body().has("tags")) {
            out.set("tags", r.body().get("tags"));
        }
        out.putObject("properties").put("provisioningState", "Succeeded");
        return out;
    }

    ObjectNode managementGroup(StoredResource r) {
        ObjectNode out = F.objectNode();
        out.put("id", r.id());
        out.put("type", ArmId.MANAGEMENT_GROUP_TYPE);
        out.put("name", r.name());
        ObjectNode props = out.putObject("properties");
        props.put("tenantId", tenantId);
        props.put("displayName", r.body().path("properties").path("displayName").asText(r.name()));
        ObjectNode details = props.putObject("details");
        details.put("version", r.body().path("properties").path("details").path("version").asInt(1));
        details.put("updatedTime", DateTimeFormatter.ISO_INSTANT.format(r.changedAt()));
        details.put("updatedBy", r.changedBy());
        JsonNode parent = r.body().path("properties").path("details").path("parent");
        if (parent.isObject()) {
            details.set("parent", parent);
        }
        return out;
    }

    static ObjectNode systemData(StoredResource r) {
        ObjectNode s = F.objectNode();
        s.put("createdBy", r.createdBy());
        s.put("createdByType", "User");
        s.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(r.createdAt()));
        s.put("lastModifiedBy", r.changedBy());
        s.put("lastModifiedByType", "User");
        s.put("lastModifiedAt", DateTimeFormatter.ISO_INSTANT.format(r.changedAt()));
        return s;
    }

    /** The stored body for a request body: computed fields dropped. */
    public static ObjectNode storable(JsonNode body) {
        ObjectNode out = F.objectNode();
        copyBody(body, out);
        return out;
    }
}
