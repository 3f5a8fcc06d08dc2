package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A stored remediation task: its ARM id, the scope it was created at, its provisioning state,
 * whether that state is final (the store does not interpret states; the caller says), and the
 * remediation engine's record of it.
 */
public record RemediationRecord(String id, String scope, String state, boolean finished, JsonNode body) {
}
