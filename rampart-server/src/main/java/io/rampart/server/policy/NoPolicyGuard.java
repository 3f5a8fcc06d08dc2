package io.rampart.server.policy;

import com.fasterxml.jackson.databind.node.NullNode;

/** The guard when no policy engine is wired: every write goes through as sent. */
public final class NoPolicyGuard implements WriteGuard {
    @Override
    public GuardDecision decide(WriteRequest request) {
        return new GuardDecision.Allow(request.proposed().orElse(NullNode.getInstance()), null);
    }
}
