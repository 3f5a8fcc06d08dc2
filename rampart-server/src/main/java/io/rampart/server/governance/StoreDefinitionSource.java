package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.Optional;

/** Custom policy definitions and initiatives, as stored (ARM's GET shape); built-ins never come here. */
public final class StoreDefinitionSource implements DefinitionSource {

    private final Store store;
    private final ResourceShapes shapes;

    public StoreDefinitionSource(Store store, ResourceShapes shapes) {
        this.store = store;
        this.shapes = shapes;
    }

    @Override
    public JsonNode policyDefinition(String id) {
        return find(id, "Microsoft.Authorization/policyDefinitions");
    }

    @Override
    public JsonNode policySetDefinition(String id) {
        return find(id, "Microsoft.Authorization/policySetDefinitions");
    }

    private JsonNode find(String id, String type) {
        if (id == null || id.isBlank()) {
            return null;
        }
        Optional<StoredResource> r = store.resources().get(id);
        return r.filter(x -> x.type().equalsIgnoreCase(type)).map(shapes::shape).orElse(null);
    }
}
