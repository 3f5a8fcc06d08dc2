package io.rampart.server.policy;

import io.rampart.store.StoredResource;

/**
 * Compliance tracking: told of every stored change inside the write's transaction, so the
 * resource and its policy states commit together. The governance module provides the real one;
 * {@link NoCompliance} records nothing.
 */
public interface ComplianceService {

    /** A resource (any type, policy objects included) was created or replaced. */
    void resourceWritten(StoredResource resource);

    /** A resource was deleted (with everything under it when {@code tree}). */
    void resourceDeleted(String resourceId, boolean tree);
}
