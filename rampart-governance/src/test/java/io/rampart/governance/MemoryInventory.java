package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.util.ArrayList;
import java.util.List;

/** An inventory held in memory: the resources of a test, in ARM's GET shape. */
public final class MemoryInventory implements ResourceInventory {

    private final List<JsonNode> resources;
    private final Hierarchy hierarchy;

    public MemoryInventory(List<JsonNode> resources, Hierarchy hierarchy) {
        this.resources = List.copyOf(resources);
        this.hierarchy = hierarchy;
    }

    @Override
    public JsonNode get(ArmId id) {
        for (JsonNode r : resources) {
            if (ArmId.parse(Values.property(r, "id").textValue()).equals(id)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId scope) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : resources) {
            if (hierarchy.covers(scope, ArmId.parse(Values.property(r, "id").textValue()))) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId scope, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : resourcesUnder(scope)) {
            ArmId id = ArmId.parse(Values.property(r, "id").textValue());
            if (id.type().equalsIgnoreCase(type)) {
                out.add(r);
            }
        }
        return out;
    }
}
