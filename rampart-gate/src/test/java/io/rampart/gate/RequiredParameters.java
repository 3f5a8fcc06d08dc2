package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * TEST HELPER: values for a template's parameters that have no defaultValue, so that a fixture
 * written for a scanner (checkov reads templates without deploying them) can go through the gate,
 * which, like ARM, refuses a deployment that leaves a parameter without a value. The values are
 * plain and deterministic: the first allowed value when there is a list; else by type a string
 * ("eastus" for a name containing "location", otherwise the parameter's name), minValue or 1,
 * false, {} or []. The caller gives the same values to the direct evaluation, so both sides see
 * the same deployment.
 */
final class RequiredParameters {

    private RequiredParameters() {
    }

    /** Values by parameter name, in declaration order; empty when every parameter has a default. */
    static Map<String, JsonNode> of(JsonNode template, String location) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode declared = Json.get(template, "parameters");
        if (declared == null || !declared.isObject()) {
            return out;
        }
        declared.fields().forEachRemaining(e -> {
            JsonNode decl = e.getValue();
            boolean nullable = decl.isObject() && Json.get(decl, "nullable") != null && Json.get(decl, "nullable").asBoolean(false);
            if (decl.isObject() && Json.get(decl, "defaultValue") == null && !nullable) {
                out.put(e.getKey(), value(e.getKey(), decl, location));
            }
        });
        return out;
    }

    private static JsonNode value(String name, JsonNode decl, String location) {
        JsonNode allowed = Json.get(decl, "allowedValues");
        if (allowed != null && allowed.isArray() && !allowed.isEmpty()) {
            return allowed.get(0);
        }
        String type = Json.text(decl, "type");
        return switch (type == null ? "string" : type.toLowerCase(Locale.ROOT)) {
            case "int" -> Values.NODES.numberNode(Json.get(decl, "minValue") != null ? Json.get(decl, "minValue").asLong() : 1);
            case "bool" -> Values.NODES.booleanNode(false);
            case "object", "secureobject" -> Values.object();
            case "array" -> Values.array();
            default -> Values.NODES.textNode(name.toLowerCase(Locale.ROOT).contains("location") ? location : name);
        };
    }

    /** An ARM deployment parameters file with these values (what a user would pass with --parameters). */
    static String file(Map<String, JsonNode> values) {
        ObjectNode root = Values.object();
        root.put("$schema", "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#");
        root.put("contentVersion", "1.0.0.0");
        ObjectNode params = root.putObject("parameters");
        values.forEach((k, v) -> params.putObject(k).set("value", v));
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
