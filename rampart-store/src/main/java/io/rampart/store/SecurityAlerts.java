package io.rampart.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Security alerts raised by live threat detection, and the incidents built from them, so both
 * outlive the process. The store keeps each alert's body as given (it does not interpret it);
 * the columns it filters on come with the write.
 *
 * <p>An alert has one row per id: {@link #put} of an id already stored is a new version of that
 * alert (repeats folded into it) and replaces its body, times and subscriptions, but never its
 * status — a status is changed only by {@link #setStatus}, so detection cannot undo what a user
 * decided. Incidents are replaced per subscription as a whole ({@link #replaceIncidents}).
 */
public interface SecurityAlerts {

    /** Stores a new alert or a new version of one; returns it as stored (the stored status, its sequence). */
    StoredAlert put(AlertWrite alert);

    Optional<StoredAlert> get(String alertId);

    /** The alerts that belong to a subscription, in the order they were first stored. */
    List<StoredAlert> inSubscription(String subscriptionId);

    /** The alerts whose last event is at or after {@code since}, in the order first stored (what deduplication resumes from). */
    List<StoredAlert> endingSince(Instant since);

    /** Sets an alert's status; empty when there is no such alert. Setting the status it has is a no-op that returns it. */
    Optional<StoredAlert> setStatus(String alertId, String status, Instant at);

    /** How many alerts are stored. */
    long count();

    /** Replaces all incidents of a subscription with {@code incidents} (kept in the given order). */
    void replaceIncidents(String subscriptionId, List<StoredIncident> incidents);

    /** A subscription's incidents, in the order last given. */
    List<StoredIncident> incidents(String subscriptionId);
}
