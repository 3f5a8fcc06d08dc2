package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One template output, compiled.
 *
 * @param declaration the output's JSON (type, $ref, nullable, ... for the type check)
 * @param condition   null when unconditional
 * @param count       for an output copy loop (copy-outputs.md), else null
 * @param value       the value, or the loop's input
 */
record OutputDecl(String name, String path, JsonNode declaration, Tree condition, Tree count, Tree value) {
}
