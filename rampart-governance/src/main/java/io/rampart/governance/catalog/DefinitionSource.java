package io.rampart.governance.catalog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where custom policy definitions and initiatives come from: the control plane's store. Built-ins
 * come from the library and never reach this interface. Implementations return the stored ARM
 * resource JSON ({@code {"id", "name", "type", "properties": {...}}}) or null when unknown; ids
 * are compared without regard to case.
 */
public interface DefinitionSource {

    DefinitionSource NONE = new DefinitionSource() {
        @Override
        public JsonNode policyDefinition(String id) {
            return null;
        }

        @Override
        public JsonNode policySetDefinition(String id) {
            return null;
        }
    };

    JsonNode policyDefinition(String id);

    JsonNode policySetDefinition(String id);
}
