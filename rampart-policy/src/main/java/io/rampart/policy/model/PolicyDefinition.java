package io.rampart.policy.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A policy definition as read from JSON (not yet compiled).
 *
 * @param id          resource id, e.g. /providers/Microsoft.Authorization/policyDefinitions/{guid}; may be null
 * @param name        resource name (a GUID for built-ins); may be null
 * @param displayName may be null
 * @param description may be null
 * @param policyType  BuiltIn, Custom, Static, NotSpecified; may be null
 * @param mode        evaluation mode
 * @param version     semantic version from properties.version or metadata.version; may be null
 * @param metadata    properties.metadata (category, version, preview, deprecated, ...); may be null
 * @param parameters  declared parameters by name (case-insensitive map, declaration order)
 * @param policyRule  the raw policy rule ({@code if} / {@code then})
 * @param source      where it was read from (file path or library id), for messages
 */
public record PolicyDefinition(String id, String name, String displayName, String description, String policyType,
                               PolicyMode mode, String version, JsonNode metadata,
                               Map<String, ParameterDefinition> parameters, JsonNode policyRule, String source) {

    public String category() {
        JsonNode c = metadata == null ? null : io.rampart.expression.Values.property(metadata, "category");
        return c != null && c.isTextual() ? c.textValue() : null;
    }

    /** The best short label for messages: display name, else name, else source. */
    public String label() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return name != null ? name : source;
    }
}
