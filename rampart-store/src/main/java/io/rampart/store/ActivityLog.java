package io.rampart.store;

/** The append-only log of writes. */
public interface ActivityLog {

    /** Appends an event and returns it with its sequence number. */
    ActivityEvent append(ActivityEvent event);

    Page<ActivityEvent> query(ActivityQuery query);
}
