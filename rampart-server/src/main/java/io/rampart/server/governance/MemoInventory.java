package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An inventory that remembers its answers for the length of one request: every member of an
 * initiative asks for the same resource group and subscription ({@code resourceGroup()},
 * {@code subscription()}), and asking the store each time would cost more than the evaluation.
 * Not thread-safe; one per request.
 */
final class MemoInventory implements ResourceInventory {

    private static final JsonNode ABSENT = com.fasterxml.jackson.databind.node.MissingNode.getInstance();

    private final ResourceInventory inner;
    private final Map<ArmId, JsonNode> byId = new HashMap<>();
    private final Map<ArmId, List<JsonNode>> under = new HashMap<>();
    private final Map<String, List<JsonNode>> ofType = new HashMap<>();

    MemoInventory(ResourceInventory inner) {
        this.inner = inner;
    }

    @Override
    public JsonNode get(ArmId id) {
        JsonNode r = byId.computeIfAbsent(id, k -> {
            JsonNode found = inner.get(k);
            return found == null ? ABSENT : found;
        });
        return r == ABSENT ? null : r;
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId scope) {
        return under.computeIfAbsent(scope, inner::resourcesUnder);
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId scope, String type) {
        return ofType.computeIfAbsent(scope.key() + "|" + type.toLowerCase(java.util.Locale.ROOT), k -> inner.resourcesOfType(scope, type));
    }
}
