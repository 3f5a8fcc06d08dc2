package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

/** One resource of a stored remediation task: its place in the plan ({@code seq}), the resource, its state and the engine's record. */
public record WorkItemRecord(String taskId, int seq, String resourceId, String state, JsonNode body) {
}
