package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.store.Page;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The governance core's view of the store: resources in ARM's GET shape, read live (inside a
 * write's transaction it sees that write). Management group scopes expand to the subscriptions
 * under them through the hierarchy in force. Types policy does not evaluate are left out of
 * {@link #resourcesUnder} (see {@link GovernanceIds#evaluated}).
 */
public final class StoreInventory implements ResourceInventory {

    private final Store store;
    private final ResourceShapes shapes;
    private final Supplier<Hierarchy> hierarchy;

    public StoreInventory(Store store, ResourceShapes shapes, Supplier<Hierarchy> hierarchy) {
        this.store = store;
        this.shapes = shapes;
        this.hierarchy = hierarchy;
    }

    @Override
    public JsonNode get(ArmId id) {
        return store.resources().get(id.id()).map(shapes::shape).orElse(null);
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId scope) {
        return everythingUnder(scope).stream().filter(r -> GovernanceIds.evaluated(r.path("type").asText())).toList();
    }

    /** Every stored resource at or under {@code scope}, of every type. */
    public List<JsonNode> everythingUnder(ArmId scope) {
        List<JsonNode> out = new ArrayList<>();
        for (ArmId container : containers(scope)) {
            store.resources().get(container.id()).ifPresent(r -> out.add(shapes.shape(r)));
            all(ResourceQuery.under(container.id(), null, ResourceQuery.MAX_LIMIT), r -> out.add(shapes.shape(r)));
        }
        return out;
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId scope, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (ArmId container : containers(scope)) {
            store.resources().get(container.id()).filter(r -> r.type().equalsIgnoreCase(type)).ifPresent(r -> out.add(shapes.shape(r)));
            all(ResourceQuery.under(container.id(), type, ResourceQuery.MAX_LIMIT), r -> out.add(shapes.shape(r)));
        }
        return out;
    }

    /** The stored scopes whose subtrees make up {@code scope}: itself, or the subscriptions under a management group (or the tenant). */
    List<ArmId> containers(ArmId scope) {
        if (scope.kind() != ArmId.Kind.TENANT && scope.kind() != ArmId.Kind.MANAGEMENT_GROUP) {
            return List.of(scope);
        }
        Hierarchy h = hierarchy.get();
        List<ArmId> subscriptions = new ArrayList<>();
        all(ResourceQuery.ofType(io.rampart.server.arm.ArmId.SUBSCRIPTION_TYPE, ResourceQuery.MAX_LIMIT), r -> {
            ArmId sub = ArmId.subscription(r.name());
            if (h.covers(scope, sub)) {
                subscriptions.add(sub);
            }
        });
        return subscriptions;
    }

    private void all(ResourceQuery q, java.util.function.Consumer<StoredResource> each) {
        Page<StoredResource> page = store.resources().list(q);
        while (true) {
            page.items().forEach(each);
            if (page.continuation().isEmpty()) {
                return;
            }
            page = store.resources().list(q.continuingAfter(page.continuation().get()));
        }
    }
}
