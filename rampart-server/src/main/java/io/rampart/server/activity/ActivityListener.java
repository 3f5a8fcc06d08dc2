package io.rampart.server.activity;

import io.rampart.store.ActivityEvent;

/**
 * Told of each activity-log entry once it is durable (after its transaction commits; never for a
 * rolled-back write). Called on the writing thread: an implementation must return at once and
 * must not throw (live threat detection queues the entry and drops it when full).
 */
@FunctionalInterface
public interface ActivityListener {

    ActivityListener NONE = event -> { };

    void recorded(ActivityEvent event);
}
