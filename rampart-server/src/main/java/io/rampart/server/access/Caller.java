package io.rampart.server.access;

/** The authenticated principal of a request (its object id is what role assignments name). */
public record Caller(String principalId, String displayName) {
}
