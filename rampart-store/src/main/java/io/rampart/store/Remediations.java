package io.rampart.store;

import java.util.List;
import java.util.Optional;

/**
 * Remediation tasks and their per-resource work items. Every call is durable when it returns
 * (a crash afterwards loses nothing); {@link #plan} and {@link #create} are atomic, and
 * {@link #putItem} replaces one item atomically. Ids compare case-insensitively, as ARM's do.
 */
public interface Remediations {

    /** Creates or replaces a task; the items of a task it replaces are removed (a re-PUT starts over). */
    void create(RemediationRecord task);

    Optional<RemediationRecord> get(String id);

    /** Replaces a stored task; false (and nothing stored) when there is none: a deleted task stays deleted. */
    boolean update(RemediationRecord task);

    /** In one transaction: the task, and the items of its plan in place of any it had. */
    void plan(RemediationRecord task, List<WorkItemRecord> items);

    /** Replaces (or adds) one item of a stored task; false (and nothing stored) when the task is gone. */
    boolean putItem(WorkItemRecord item);

    /** The task's items in plan order. */
    List<WorkItemRecord> items(String taskId);

    /** The tasks created at {@code scope} or below it ("/" for all), by id. */
    List<RemediationRecord> under(String scope);

    /** The tasks whose state is not final (to resume after a restart), by id. */
    List<RemediationRecord> unfinished();

    /** Deletes a task and its items; false when there was none. */
    boolean delete(String id);
}
