package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The control plane as remediation sees it, in memory: the resources (an inventory) and their
 * write path (a writer that enforces policy again, as the server's does, and records each write's
 * idempotency key with it). Counts every write per resource, to check exactly-once.
 */
final class MemoryWorld implements ResourceInventory, ResourceWriter {

    private final Map<ArmId, JsonNode> resources = new ConcurrentHashMap<>();
    private final Map<String, WriteResult> byKey = new ConcurrentHashMap<>();
    final Map<ArmId, AtomicInteger> writes = new ConcurrentHashMap<>();
    final List<ManagedIdentity> writers = java.util.Collections.synchronizedList(new ArrayList<>());
    private final Hierarchy hierarchy;
    private Governance governance;
    /** Called before each write (tests delete resources or cancel from here). */
    volatile Consumer<ArmId> beforeWrite = id -> {
    };

    MemoryWorld(Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
    }

    MemoryWorld enforcing(Governance g) {
        this.governance = g;
        return this;
    }

    void put(JsonNode r) {
        resources.put(ArmId.parse(r.get("id").asText()), r);
    }

    void delete(ArmId id) {
        resources.remove(id);
    }

    int writeCount(ArmId id) {
        AtomicInteger n = writes.get(id);
        return n == null ? 0 : n.get();
    }

    @Override
    public JsonNode get(ArmId id) {
        return resources.get(id);
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId scope) {
        List<JsonNode> out = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (hierarchy.covers(scope, id)) {
                out.add(r);
            }
        });
        out.sort((a, b) -> a.get("id").asText().compareToIgnoreCase(b.get("id").asText()));
        return out;
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId scope, String type) {
        return resourcesUnder(scope).stream().filter(r -> ArmId.parse(r.get("id").asText()).type().equalsIgnoreCase(type)).toList();
    }

    @Override
    public synchronized WriteResult write(ArmId id, JsonNode body, ManagedIdentity identity, String key) {
        beforeWrite.accept(id);
        writers.add(identity);
        ArmId parent = id.parent();
        boolean isChildOrExtension = parent != null && parent.isResource();
        if (!resources.containsKey(id) && !(isChildOrExtension && resources.containsKey(parent))) {
            WriteResult r = new WriteResult.NotFound();
            byKey.put(key, r);
            return r;
        }
        JsonNode toStore = body;
        if (governance != null) {
            Decision d = governance.enforceWrite(new WriteRequest(id, Values.toText(Values.property(body, "apiVersion")), body), this);
            if (d instanceof Decision.Denied denied) {
                WriteResult r = new WriteResult.Refused(denied.error());
                byKey.put(key, r);
                return r;
            }
            toStore = ((Decision.Allowed) d).body();
        }
        ObjectNode stored = ((ObjectNode) toStore).deepCopy();
        stored.put("id", id.id());
        stored.put("name", id.name());
        stored.put("type", id.type());
        stored.remove("apiVersion");
        resources.put(id, stored);
        writes.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        WriteResult r = new WriteResult.Written(stored);
        byKey.put(key, r);
        return r;
    }

    @Override
    public Optional<WriteResult> recorded(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
