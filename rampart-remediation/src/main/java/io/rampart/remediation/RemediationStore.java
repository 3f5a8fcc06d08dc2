package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;

import java.util.List;
import java.util.Optional;

/**
 * Where remediation tasks and their per-resource work items live. The server implements it on
 * its JDBC store; {@link InMemoryRemediationStore} is for tests and single-process use.
 *
 * <p>Contract (what crash safety rests on): every method is durable when it returns (a crash
 * afterwards loses nothing), {@link #plan} writes the task and all its items atomically, and
 * {@link #putItem} replaces one item atomically. Items are keyed by (remediation id, seq).
 */
public interface RemediationStore {

    /** Creates or replaces a task (its items, if any, are removed: a re-PUT starts over). */
    void create(RemediationTask task);

    Optional<RemediationTask> task(ArmId remediationId);

    /** Replaces the stored task with this one. */
    void update(RemediationTask task);

    /** Atomically: stores the plan's items and the task (now Evaluating, with totalDeployments set). */
    void plan(RemediationTask task, List<WorkItem> items);

    /** Replaces one item. */
    void putItem(WorkItem item);

    /** The task's items in plan order. */
    List<WorkItem> items(ArmId remediationId);

    /** Every task. */
    List<RemediationTask> tasks();

    /** Tasks not in a terminal state (to resume after a restart). */
    default List<RemediationTask> unfinished() {
        return tasks().stream().filter(t -> !t.state().terminal()).toList();
    }

    void delete(ArmId remediationId);
}
