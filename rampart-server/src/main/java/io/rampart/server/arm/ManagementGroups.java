package io.rampart.server.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.store.Page;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.ArrayList;
import java.util.List;

/** The management group tree: parents (the tenant root group by default), children, cycles refused. */
final class ManagementGroups {

    private final Store store;
    private final Hierarchy hierarchy;
    private final ResourceShapes shapes;

    ManagementGroups(Store store, Hierarchy hierarchy, ResourceShapes shapes) {
        this.store = store;
        this.hierarchy = hierarchy;
        this.shapes = shapes;
    }

    ObjectNode prepare(ArmId id, ObjectNode body) {
        JsonNode props = body.path("properties");
        String displayName = props.path("displayName").asText(id.name());
        String parentId = props.path("details").path("parent").path("id").asText(null);
        boolean root = id.id().equalsIgnoreCase(hierarchy.rootGroupId());
        if (parentId == null || parentId.isBlank()) {
            parentId = root ? null : store.resources().get(id.id())
                    .map(g -> g.body().path("properties").path("details").path("parent").path("id").asText(null))
                    .orElse(hierarchy.rootGroupId());
        }
        ObjectNode out = ResourceShapes.F.objectNode();
        ObjectNode p = out.putObject("properties");
        p.put("displayName", displayName);
        ObjectNode details = p.putObject("details");
        int version = store.resources().get(id.id()).map(g -> g.body().path("properties").path("details").path("version").asInt(0)).orElse(0);
        details.put("version", version + 1);
        if (parentId != null) {
            if (root) {
                throw ArmErrors.badRequest("BadRequest", "The tenant root group cannot have a parent.");
            }
            String parentFull = parentId.startsWith("/") ? parentId : ArmId.MANAGEMENT_GROUP_PREFIX + parentId;
            StoredResource parent = store.resources().get(parentFull).orElseThrow(() -> ArmErrors.managementGroupNotFound(parentId_name(parentFull)));
            for (String ancestor : hierarchy.ancestors(parent.id())) {
                if (ancestor.equalsIgnoreCase(id.id())) {
                    throw ArmErrors.badRequest("BadRequest", "Management group '" + id.name() + "' cannot be moved under its own descendant '" + parent.name() + "'.");
                }
            }
            ObjectNode parentNode = details.putObject("parent");
            parentNode.put("id", parent.id());
            parentNode.put("name", parent.name());
            parentNode.put("displayName", parent.body().path("properties").path("displayName").asText(parent.name()));
        }
        return out;
    }

    private static String parentId_name(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    /** Direct children: management groups whose parent is {@code groupId}, and subscriptions in it. */
    List<ObjectNode> children(String groupId) {
        List<ObjectNode> out = new ArrayList<>();
        for (StoredResource g : all(ArmId.MANAGEMENT_GROUP_TYPE)) {
            String parent = g.body().path("properties").path("details").path("parent").path("id").asText("");
            if (parent.equalsIgnoreCase(groupId)) {
                ObjectNode c = ResourceShapes.F.objectNode();
                c.put("id", g.id());
                c.put("type", ArmId.MANAGEMENT_GROUP_TYPE);
                c.put("name", g.name());
                c.put("displayName", g.body().path("properties").path("displayName").asText(g.name()));
                out.add(c);
            }
        }
        for (StoredResource s : all(ArmId.SUBSCRIPTION_TYPE)) {
            if (hierarchy.managementGroupOf(s.name()).equalsIgnoreCase(groupId)) {
                ObjectNode c = ResourceShapes.F.objectNode();
                c.put("id", s.id());
                c.put("type", "/subscriptions");
                c.put("name", s.name());
                c.put("displayName", s.body().path("displayName").asText(s.name()));
                out.add(c);
            }
        }
        return out;
    }

    ObjectNode withChildren(ObjectNode group) {
        ArrayNode children = ((ObjectNode) group.get("properties")).putArray("children");
        children(group.get("id").asText()).forEach(children::add);
        return group;
    }

    private List<StoredResource> all(String type) {
        List<StoredResource> out = new ArrayList<>();
        ResourceQuery q = ResourceQuery.ofType(type, ResourceQuery.MAX_LIMIT);
        Page<StoredResource> page = store.resources().list(q);
        out.addAll(page.items());
        while (page.continuation().isPresent()) {
            page = store.resources().list(q.continuingAfter(page.continuation().get()));
            out.addAll(page.items());
        }
        return out;
    }
}
