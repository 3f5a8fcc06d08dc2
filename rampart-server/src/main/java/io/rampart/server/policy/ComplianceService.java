package io.rampart.server.policy;

import io.rampart.store.StoredResource;

/**
 * Compliance tracking. {@link #resourceWritten} and {@link #resourceDeleted} are called inside
 * the write's transaction, so a resource and its policy states commit together; the
 * {@code after*} calls come once the write has committed (policy objects in force, scans
 * started). The governance wiring provides the real one; {@link NoCompliance} records nothing.
 */
public interface ComplianceService {

    /** A resource (any type, policy objects included) was created or replaced. */
    void resourceWritten(StoredResource resource);

    /** A resource was deleted (with everything under it when {@code tree}). */
    void resourceDeleted(String resourceId, boolean tree);

    /** After the commit of a create or replace. */
    default void afterWrite(StoredResource resource) {
    }

    /** After the commit of a delete. */
    default void afterDelete(String resourceId, boolean tree) {
    }

    /** The store was changed around the API (first start, the demo estate): reload what is in force and evaluate everything. */
    default void reload() {
    }
}
