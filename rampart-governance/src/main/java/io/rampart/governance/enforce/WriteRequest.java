package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.scope.ArmId;

/**
 * A PUT or PATCH of a resource. {@code body} is the resource as it would be after the request:
 * for a PUT the request body; for a PATCH the existing resource with the patch applied (see
 * {@link JsonMergePatch}) — Azure evaluates the resulting resource.
 *
 * @param apiVersion the request's api-version (what {@code requestContext().apiVersion} returns)
 */
public record WriteRequest(ArmId resourceId, String apiVersion, JsonNode body) {
}
