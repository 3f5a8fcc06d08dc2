package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.scope.ArmId;

/** A DELETE of a resource (or resource group); {@code existing} is the resource as stored (null when unknown). */
public record DeleteRequest(ArmId resourceId, String apiVersion, JsonNode existing) {
}
