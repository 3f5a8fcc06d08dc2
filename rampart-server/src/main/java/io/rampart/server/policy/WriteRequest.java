package io.rampart.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ArmId;

import java.util.Optional;

/**
 * A write the guard decides on: who, what (PUT / PATCH / DELETE), which resource, the body the
 * resource would have after the write (the merged body for PATCH; empty for DELETE), what is
 * stored now, and the request's api-version.
 */
public record WriteRequest(Caller caller, Operation operation, ArmId target, Optional<JsonNode> proposed,
                           Optional<JsonNode> existing, String apiVersion) {

    public enum Operation { PUT, PATCH, DELETE }
}
