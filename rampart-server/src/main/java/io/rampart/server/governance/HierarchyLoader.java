package io.rampart.server.governance;

import io.rampart.governance.scope.Hierarchy;
import io.rampart.server.arm.ArmId;
import io.rampart.store.Page;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.function.Consumer;

/**
 * Builds the governance core's immutable management group tree from what the store holds:
 * every management group with its parent, every subscription with the group it was placed in.
 */
public final class HierarchyLoader {

    private final Store store;
    private final String tenantId;

    public HierarchyLoader(Store store, String tenantId) {
        this.store = store;
        this.tenantId = tenantId;
    }

    public Hierarchy load() {
        Hierarchy.Builder b = Hierarchy.builder(tenantId);
        each(ArmId.MANAGEMENT_GROUP_TYPE, g -> {
            if (g.name().equalsIgnoreCase(tenantId)) {
                return;
            }
            String parent = g.body().path("properties").path("details").path("parent").path("id").asText("");
            try {
                b.managementGroup(g.name(), parent.isEmpty() ? null : last(parent));
            } catch (IllegalArgumentException cycle) {
                // the server refuses cycles on PUT; a stored one (written around the API) leaves the group under the root
                b.managementGroup(g.name(), null);
            }
        });
        each(ArmId.SUBSCRIPTION_TYPE, s -> {
            String mg = s.body().path("managementGroupId").asText("");
            if (!mg.isEmpty()) {
                b.subscription(s.name(), last(mg));
            }
        });
        return b.build();
    }

    private void each(String type, Consumer<StoredResource> action) {
        ResourceQuery q = ResourceQuery.ofType(type, ResourceQuery.MAX_LIMIT);
        Page<StoredResource> page = store.resources().list(q);
        while (true) {
            page.items().forEach(action);
            if (page.continuation().isEmpty()) {
                return;
            }
            page = store.resources().list(q.continuingAfter(page.continuation().get()));
        }
    }

    private static String last(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
