package io.rampart.policy.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * A parameter declared by a definition or initiative.
 *
 * @param name          as declared
 * @param type          declared type
 * @param defaultValue  null when the parameter has none (a value is then required)
 * @param allowedValues null when any value of the type is allowed
 * @param metadata      displayName, description, strongType, assignPermissions, ... (may be null)
 */
public record ParameterDefinition(String name, ParameterType type, JsonNode defaultValue, List<JsonNode> allowedValues,
                                  JsonNode metadata) {

    public ParameterDefinition {
        allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
    }

    public boolean hasDefault() {
        return defaultValue != null;
    }

    public String displayName() {
        return metadata == null ? null : text(metadata, "displayName");
    }

    public String description() {
        return metadata == null ? null : text(metadata, "description");
    }

    public String strongType() {
        return metadata == null ? null : text(metadata, "strongType");
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = io.rampart.expression.Values.property(o, key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
