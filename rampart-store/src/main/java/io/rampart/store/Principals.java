package io.rampart.store;

import java.time.Instant;
import java.util.Optional;

/**
 * Principals and their bearer tokens. Tokens are stored only as SHA-256 hashes: the store can
 * check a token but never give one back.
 */
public interface Principals {

    Principal create(String id, String displayName, String kind);

    Optional<Principal> get(String id);

    /** Issues a new random token for the principal and returns it (the only time it is seen). */
    String issueToken(String principalId, String description, Optional<Instant> expiresAt);

    /** Registers a token chosen by the caller (serve --admin-token); idempotent. */
    void registerToken(String principalId, String token, String description);

    /** The principal a (non-expired) token belongs to. */
    Optional<Principal> authenticate(String token, Instant now);

    boolean revokeToken(String token);
}
