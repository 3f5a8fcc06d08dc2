package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's resources across process crashes: the initial resources (given), plus a
 * journal of writes — each write is one line holding its idempotency key and the body, forced to
 * disk, so a write and its key are recorded together or not at all (the writer contract). Counts
 * writes per resource from the journal.
 */
final class FileWorld implements ResourceInventory, ResourceWriter {

    private final Map<ArmId, JsonNode> resources = new LinkedHashMap<>();
    private final Map<String, WriteResult> byKey = new LinkedHashMap<>();
    private final Map<ArmId, Integer> writes = new LinkedHashMap<>();
    private final Hierarchy hierarchy;
    private final FileChannel out;

    FileWorld(Path journal, List<JsonNode> initial, Hierarchy hierarchy) {
        this.hierarchy = hierarchy;
        initial.forEach(r -> resources.put(ArmId.parse(r.get("id").asText()), r));
        try {
            if (Files.exists(journal)) {
                for (JsonNode l : JsonLines.read(journal)) {
                    apply(l);
                }
            }
            out = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(JsonNode l) {
        ArmId id = ArmId.parse(l.get("id").asText());
        resources.put(id, l.get("body"));
        writes.merge(id, 1, Integer::sum);
        byKey.put(l.get("key").asText(), new WriteResult.Written(l.get("body")));
    }

    synchronized Map<ArmId, Integer> writeCounts() {
        return new LinkedHashMap<>(writes);
    }

    @Override
    public synchronized JsonNode get(ArmId id) {
        return resources.get(id);
    }

    @Override
    public synchronized List<JsonNode> resourcesUnder(ArmId scope) {
        List<JsonNode> out = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (hierarchy.covers(scope, id)) {
                out.add(r);
            }
        });
        return out;
    }

    @Override
    public synchronized List<JsonNode> resourcesOfType(ArmId scope, String type) {
        return resourcesUnder(scope).stream().filter(r -> ArmId.parse(r.get("id").asText()).type().equalsIgnoreCase(type)).toList();
    }

    @Override
    public synchronized WriteResult write(ArmId id, JsonNode body, ManagedIdentity identity, String key) {
        if (!resources.containsKey(id)) {
            return new WriteResult.NotFound();
        }
        ObjectNode line = Values.object().put("key", key).put("id", id.id());
        line.set("body", body);
        try {
            ByteBuffer buf = ByteBuffer.wrap((Values.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        apply(line);
        return byKey.get(key);
    }

    @Override
    public synchronized Optional<WriteResult> recorded(String key) {
        return Optional.ofNullable(byKey.get(key));
    }
}
