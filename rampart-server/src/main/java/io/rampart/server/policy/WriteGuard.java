package io.rampart.server.policy;

/**
 * Request-time policy enforcement: consulted on every resource write and delete, after
 * authentication, authorization and validation and before anything is stored. The governance
 * module provides the real one; {@link NoPolicyGuard} allows everything unchanged.
 */
public interface WriteGuard {

    GuardDecision decide(WriteRequest request);
}
