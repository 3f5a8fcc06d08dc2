package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;

import java.util.List;

/** One policy evaluated against one resource. */
record Outcome(Policies.PolicyRef policy, List<String> groupNames, JsonNode resource, EvaluationResult result) {

    String resourceId() {
        return Json.text(resource, "id");
    }

    String resourceName() {
        String n = Json.text(resource, "name");
        if (n == null) {
            String id = resourceId();
            n = id == null ? null : id.substring(id.lastIndexOf('/') + 1);
        }
        return n;
    }

    String resourceType() {
        return Json.text(resource, "type");
    }

    /** "name (type)" for text output. */
    String resourceLabel() {
        String n = resourceName();
        return (n == null ? "(unnamed)" : n) + " (" + resourceType() + ")";
    }
}
