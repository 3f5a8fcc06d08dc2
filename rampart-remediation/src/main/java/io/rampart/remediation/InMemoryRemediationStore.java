package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A {@link RemediationStore} in memory (tests, benchmarks, single-process use). Thread-safe. */
public final class InMemoryRemediationStore implements RemediationStore {

    private final Map<ArmId, RemediationTask> tasks = new LinkedHashMap<>();
    private final Map<ArmId, TreeMap<Integer, WorkItem>> items = new LinkedHashMap<>();

    @Override
    public synchronized void create(RemediationTask task) {
        tasks.put(task.id(), task);
        items.remove(task.id());
    }

    @Override
    public synchronized Optional<RemediationTask> task(ArmId remediationId) {
        return Optional.ofNullable(tasks.get(remediationId));
    }

    @Override
    public synchronized void update(RemediationTask task) {
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized void plan(RemediationTask task, List<WorkItem> plan) {
        TreeMap<Integer, WorkItem> m = new TreeMap<>();
        plan.forEach(i -> m.put(i.seq(), i));
        items.put(task.id(), m);
        tasks.put(task.id(), task);
    }

    @Override
    public synchronized void putItem(WorkItem item) {
        items.computeIfAbsent(item.remediationId(), k -> new TreeMap<>()).put(item.seq(), item);
    }

    @Override
    public synchronized List<WorkItem> items(ArmId remediationId) {
        TreeMap<Integer, WorkItem> m = items.get(remediationId);
        return m == null ? List.of() : new ArrayList<>(m.values());
    }

    @Override
    public synchronized List<RemediationTask> tasks() {
        return new ArrayList<>(tasks.values());
    }

    @Override
    public synchronized void delete(ArmId remediationId) {
        tasks.remove(remediationId);
        items.remove(remediationId);
    }
}
