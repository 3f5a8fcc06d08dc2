package io.rampart.server.policy;

import io.rampart.store.StoredResource;

/** Compliance when no policy engine is wired: nothing is evaluated or recorded. */
public final class NoCompliance implements ComplianceService {
    @Override
    public void resourceWritten(StoredResource resource) {
    }

    @Override
    public void resourceDeleted(String resourceId, boolean tree) {
    }
}
