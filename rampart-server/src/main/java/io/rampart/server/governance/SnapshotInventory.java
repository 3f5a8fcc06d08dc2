package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resources under one scope, read from the store once (a compliance scan or an impact
 * preview asks for related resources of every resource; one query per question would dominate).
 * Questions about ids outside the snapshot go to the live inventory.
 */
public final class SnapshotInventory implements ResourceInventory {

    private final ArmId scope;
    private final StoreInventory live;
    private final Hierarchy hierarchy;
    private final List<JsonNode> resources;
    private final Map<String, JsonNode> byId = new HashMap<>();
    private final Map<String, List<JsonNode>> byType = new HashMap<>();

    private SnapshotInventory(ArmId scope, StoreInventory live, Hierarchy hierarchy, List<JsonNode> all) {
        this.scope = scope;
        this.live = live;
        this.hierarchy = hierarchy;
        List<JsonNode> evaluated = new ArrayList<>();
        for (JsonNode r : all) {
            String id = r.path("id").asText();
            byId.put(id.toLowerCase(Locale.ROOT), r);
            byType.computeIfAbsent(r.path("type").asText().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(r);
            if (GovernanceIds.evaluated(r.path("type").asText())) {
                evaluated.add(r);
            }
        }
        this.resources = List.copyOf(evaluated);
    }

    /** Everything stored under {@code scope} (every type: related resources may be of types policy does not evaluate). */
    public static SnapshotInventory load(ArmId scope, StoreInventory live, Hierarchy hierarchy) {
        return new SnapshotInventory(scope, live, hierarchy, live.everythingUnder(scope));
    }

    @Override
    public JsonNode get(ArmId id) {
        JsonNode r = byId.get(id.key());
        return r != null ? r : live.get(id);
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId s) {
        if (s.equals(scope)) {
            return resources;
        }
        return inside(s) ? resources.stream().filter(r -> hierarchy.covers(s, ArmId.parse(r.path("id").asText()))).toList() : live.resourcesUnder(s);
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId s, String type) {
        if (!inside(s)) {
            return live.resourcesOfType(s, type);
        }
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : byType.getOrDefault(type.toLowerCase(Locale.ROOT), List.of())) {
            if (hierarchy.covers(s, ArmId.parse(r.path("id").asText()))) {
                out.add(r);
            }
        }
        return out;
    }

    /** The resources in the snapshot that policies evaluate, in store order. */
    public List<JsonNode> evaluated() {
        return resources;
    }

    private boolean inside(ArmId s) {
        return hierarchy.covers(scope, s);
    }

    /** Ids of every resource in the snapshot, lower-cased (for dropping states of resources that are gone). */
    public Map<String, JsonNode> index() {
        return new LinkedHashMap<>(byId);
    }
}
