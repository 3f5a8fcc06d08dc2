package io.rampart.server.remediation;

import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.RemediationStore;
import io.rampart.remediation.RemediationTask;
import io.rampart.remediation.WorkItem;
import io.rampart.store.RemediationRecord;
import io.rampart.store.Store;
import io.rampart.store.WorkItemRecord;

import java.util.List;
import java.util.Optional;

/**
 * The remediation engine's store on the server's database ({@code Store.remediations()}): tasks
 * and work items kept as the engine's own records, with the state beside them for lookups. Each
 * call is one committed transaction, which is what the engine's crash safety asks of it.
 */
public final class StoreRemediationStore implements RemediationStore {

    private final Store store;

    public StoreRemediationStore(Store store) {
        this.store = store;
    }

    static RemediationRecord record(RemediationTask t) {
        return new RemediationRecord(t.id().id(), t.spec().scope().id(), t.state().name(), t.state().terminal(), t.toRecord());
    }

    static WorkItemRecord record(WorkItem i) {
        return new WorkItemRecord(i.remediationId().id(), i.seq(), i.resourceId().id(), i.state().name(), i.toRecord());
    }

    @Override
    public void create(RemediationTask task) {
        store.remediations().create(record(task));
    }

    @Override
    public Optional<RemediationTask> task(ArmId remediationId) {
        return store.remediations().get(remediationId.id()).map(r -> RemediationTask.fromRecord(r.body()));
    }

    @Override
    public void update(RemediationTask task) {
        store.remediations().update(record(task)); // a task deleted meanwhile stays deleted
    }

    @Override
    public void plan(RemediationTask task, List<WorkItem> items) {
        store.remediations().plan(record(task), items.stream().map(StoreRemediationStore::record).toList());
    }

    @Override
    public void putItem(WorkItem item) {
        store.remediations().putItem(record(item));
    }

    @Override
    public List<WorkItem> items(ArmId remediationId) {
        return store.remediations().items(remediationId.id()).stream().map(r -> WorkItem.fromRecord(r.body())).toList();
    }

    @Override
    public List<RemediationTask> tasks() {
        return under(ArmId.TENANT);
    }

    /** The tasks created at {@code scope} or below (a management group's are filtered by the caller through the hierarchy). */
    public List<RemediationTask> under(ArmId scope) {
        return store.remediations().under(scope.kind() == ArmId.Kind.TENANT ? "/" : scope.id()).stream()
                .map(r -> RemediationTask.fromRecord(r.body())).toList();
    }

    @Override
    public List<RemediationTask> unfinished() {
        return store.remediations().unfinished().stream().map(r -> RemediationTask.fromRecord(r.body())).toList();
    }

    @Override
    public void delete(ArmId remediationId) {
        store.remediations().delete(remediationId.id());
    }
}
