package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.scope.ArmId;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A file-backed {@link RemediationStore} for crash tests: an append-only journal, one JSON line
 * per change, forced to disk before the call returns (so a process killed afterwards loses
 * nothing); reopening replays it. A line cut short by a crash is ignored (it never returned).
 * {@code plan} is one line, so it is atomic.
 */
final class JournalRemediationStore implements RemediationStore {

    private final InMemoryRemediationStore state = new InMemoryRemediationStore();
    private final FileChannel out;

    JournalRemediationStore(Path file) {
        try {
            if (Files.exists(file)) {
                for (JsonNode line : JsonLines.read(file)) {
                    apply(line);
                }
            }
            out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void apply(JsonNode l) {
        switch (l.get("op").asText()) {
            case "create" -> state.create(RemediationTask.fromRecord(l.get("task")));
            case "update" -> state.update(RemediationTask.fromRecord(l.get("task")));
            case "plan" -> {
                List<WorkItem> items = new ArrayList<>();
                l.get("items").forEach(i -> items.add(WorkItem.fromRecord(i)));
                state.plan(RemediationTask.fromRecord(l.get("task")), items);
            }
            case "item" -> state.putItem(WorkItem.fromRecord(l.get("item")));
            case "delete" -> state.delete(ArmId.parse(l.get("id").asText()));
            default -> throw new IllegalStateException("unknown journal op " + l);
        }
    }

    private synchronized void append(ObjectNode line) {
        try {
            byte[] b = (Values.toJson(line) + "\n").getBytes(StandardCharsets.UTF_8);
            ByteBuffer buf = ByteBuffer.wrap(b);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        apply(line);
    }

    @Override
    public void create(RemediationTask task) {
        ObjectNode l = Values.object().put("op", "create");
        l.set("task", task.toRecord());
        append(l);
    }

    @Override
    public Optional<RemediationTask> task(ArmId id) {
        return state.task(id);
    }

    @Override
    public void update(RemediationTask task) {
        ObjectNode l = Values.object().put("op", "update");
        l.set("task", task.toRecord());
        append(l);
    }

    @Override
    public void plan(RemediationTask task, List<WorkItem> items) {
        ObjectNode l = Values.object().put("op", "plan");
        l.set("task", task.toRecord());
        ArrayNode a = l.putArray("items");
        items.forEach(i -> a.add(i.toRecord()));
        append(l);
    }

    @Override
    public void putItem(WorkItem item) {
        ObjectNode l = Values.object().put("op", "item");
        l.set("item", item.toRecord());
        append(l);
    }

    @Override
    public List<WorkItem> items(ArmId id) {
        return state.items(id);
    }

    @Override
    public List<RemediationTask> tasks() {
        return state.tasks();
    }

    @Override
    public void delete(ArmId id) {
        append(Values.object().put("op", "delete").put("id", id.id()));
    }
}
