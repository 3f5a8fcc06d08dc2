package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One change Append or Modify made to a request body.
 *
 * @param operation {@code append}, {@code addOrReplace}, {@code add} or {@code remove}
 * @param field     the field as the definition names it ({@code tags['env']}, an alias)
 * @param before    the value before (null: absent)
 * @param after     the value after (null: removed)
 */
public record Change(String policyAssignmentId, String policyDefinitionReferenceId, String effect, String operation, String field,
                     JsonNode before, JsonNode after) {
}
