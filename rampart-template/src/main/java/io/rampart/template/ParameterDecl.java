package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One declared parameter.
 *
 * @param declaration  the parameter's JSON (type, allowedValues, min/max, $ref, nullable, ...)
 * @param defaultValue the compiled default, or null
 */
record ParameterDecl(String name, String path, JsonNode declaration, Tree defaultValue) {
}
