package io.rampart.store;

import java.util.function.Supplier;

/**
 * The control plane's persistent state: resources (anything with an ARM id), the activity log,
 * policy compliance states, the principals and tokens that may call the API, remediation tasks and
 * the idempotency keys of the writes they make, and the security alerts and incidents of live
 * threat detection.
 *
 * <p>Every single call is atomic. {@link #inTransaction} groups calls into one all-or-nothing unit
 * (a deployment, a resource and its activity-log entry); calls made inside it on the same thread
 * join it. A call that returns has been committed durably.
 */
public interface Store extends AutoCloseable {

    /** Opens (creating or migrating the schema with Flyway) the store at {@code config}. */
    static Store open(StoreConfig config) {
        return JdbcStore.open(config);
    }

    Resources resources();

    ActivityLog activityLog();

    PolicyStates policyStates();

    Principals principals();

    /** Security alerts of live threat detection and the incidents built from them. */
    SecurityAlerts securityAlerts();

    /** Remediation tasks and their per-resource work items. */
    Remediations remediations();

    /** Idempotency keys of writes made on someone's behalf (recorded in the write's own transaction). */
    IdempotencyKeys idempotencyKeys();

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Supplier<T> work);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code action} after the calling thread's transaction commits (never when it rolls
     * back), or at once outside a transaction: for listeners that must see only durable changes.
     */
    default void afterCommit(Runnable action) {
        action.run();
    }

    /** What is behind the store (for the health endpoint and logs; never a password). */
    StoreInfo info();

    @Override
    void close();
}
