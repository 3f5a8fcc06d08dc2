package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

/** Supplies {@code parameters('name')}: the assignment's values over the definition's defaults. */
interface ParameterSource {

    /** The value, or null when the definition declares no such parameter. */
    JsonNode parameter(String name);
}
