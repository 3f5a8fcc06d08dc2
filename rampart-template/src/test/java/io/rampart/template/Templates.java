package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Helpers for the engine's unit tests: expand text, find resources, read outputs. */
final class Templates {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:20:30Z"), ZoneOffset.UTC);
    static final TemplateEngine ENGINE = new TemplateEngine(CLOCK);
    static final DeploymentContext CONTEXT = DeploymentContext.defaults();
    static final String SUB = CONTEXT.subscriptionId();
    static final String RG_ID = "/subscriptions/" + SUB + "/resourceGroups/" + CONTEXT.resourceGroup();

    private Templates() {
    }

    static Expansion expand(String template) {
        return expand(template, Map.of());
    }

    static Expansion expand(String template, Map<String, JsonNode> parameters) {
        return expand(template, parameters, DeploymentScope.RESOURCE_GROUP);
    }

    static Expansion expand(String template, Map<String, JsonNode> parameters, DeploymentScope scope) {
        return ENGINE.expand(TemplateSource.parse(template, "main.json"), parameters, scope, CONTEXT, LinkedTemplates.NONE);
    }

    static Expansion expand(String template, DeploymentScope scope) {
        return expand(template, Map.of(), scope);
    }

    /** Parameters written as JSON: {"name": value, ...}. */
    static Map<String, JsonNode> params(String json) {
        Map<String, JsonNode> out = new HashMap<>();
        JsonNode n = Json.read(json, "parameters");
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Asserts JSON equality as ARM compares values (1 equals 1L; object keys in any order). */
    static void assertJson(JsonNode actual, String expected) {
        JsonNode want = Json.read(expected, "expected");
        if (!io.rampart.expression.Values.deepEquals(actual, want, false)) {
            throw new AssertionError("expected " + want + " but was " + actual);
        }
    }

    static JsonNode output(Expansion e, String name) {
        JsonNode o = e.outputs().get(name);
        return o == null ? null : o.get("value");
    }

    static ExpandedResource resource(Expansion e, String name) {
        for (ExpandedResource r : e.resources()) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no resource named " + name + " in " + names(e));
    }

    static List<String> names(Expansion e) {
        return e.resources().stream().map(ExpandedResource::name).toList();
    }

    static List<String> ids(Expansion e) {
        return e.resources().stream().map(ExpandedResource::id).toList();
    }

    static TemplateProblem error(Expansion e) {
        return e.problems().stream().filter(TemplateProblem::error).findFirst()
                .orElseThrow(() -> new AssertionError("expected an error, got " + e.problems()));
    }

    /** Wraps resources (and optional extra members) in a template. */
    static String template(String members) {
        return "{\"$schema\": \"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#\", "
                + "\"contentVersion\": \"1.0.0.0\", " + members + "}";
    }
}
