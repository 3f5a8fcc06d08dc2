package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.model.ParameterDefinition;
import io.rampart.policy.model.ParameterType;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicyMode;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads policy definitions and initiatives from JSON: either the full ARM resource
 * ({@code {"properties": {...}, "id": ..., "name": ...}}) or just its properties. Property names
 * are matched without regard to case, as Azure does. Structural problems become diagnostics with
 * a JSON path; nothing here throws for bad input.
 */
public final class DefinitionReader {

    /** What a JSON document holds. */
    public enum Kind {
        DEFINITION, INITIATIVE, ASSIGNMENT, UNKNOWN
    }

    private DefinitionReader() {
    }

    /** Tells a definition from an initiative (or neither) by the properties it has. */
    public static Kind kindOf(JsonNode root) {
        if (root == null || !root.isObject()) {
            return Kind.UNKNOWN;
        }
        JsonNode props = propertiesOf(root);
        String type = Json.text(root, "type");
        if (type != null && type.toLowerCase(Locale.ROOT).endsWith("policysetdefinitions") || Json.get(props, "policyDefinitions") != null) {
            return Kind.INITIATIVE;
        }
        if (type != null && type.toLowerCase(Locale.ROOT).endsWith("policydefinitions") || Json.get(props, "policyRule") != null) {
            return Kind.DEFINITION;
        }
        if (Json.get(props, "policyDefinitionId") != null) {
            return Kind.ASSIGNMENT;
        }
        return Kind.UNKNOWN;
    }

    private static JsonNode propertiesOf(JsonNode root) {
        JsonNode props = Json.get(root, "properties");
        return props != null && props.isObject() ? props : root;
    }

    private static String propertiesPath(JsonNode root) {
        JsonNode props = Json.get(root, "properties");
        return props != null && props.isObject() ? "$.properties" : "$";
    }

    public static Parsed<PolicyDefinition> readDefinition(JsonNode root, String source) {
        List<Diagnostic> d = new ArrayList<>();
        if (root == null || !root.isObject()) {
            d.add(Diagnostic.error("not-an-object", "$", "a policy definition must be a JSON object"));
            return new Parsed<>(null, d);
        }
        if (tooDeep(root, d)) {
            return new Parsed<>(null, d);
        }
        JsonNode props = propertiesOf(root);
        String base = propertiesPath(root);

        String modeName = textOrNull(props, "mode", base, d);
        PolicyMode mode = PolicyMode.parse(modeName);
        if (mode == null) {
            d.add(Diagnostic.error("unknown-mode", base + ".mode", "unknown mode '" + modeName
                    + "'; expected All, Indexed or a resource provider mode such as Microsoft.Kubernetes.Data"));
        }
        Map<String, ParameterDefinition> params = readParameters(props, base, d);

        JsonNode rule = Json.get(props, "policyRule");
        if (rule == null) {
            d.add(Diagnostic.error("missing-policy-rule", base, "the definition has no policyRule"));
        } else if (!rule.isObject()) {
            d.add(Diagnostic.error("invalid-policy-rule", base + ".policyRule", "policyRule must be an object with 'if' and 'then'"));
        } else {
            if (Json.get(rule, "if") == null) {
                d.add(Diagnostic.error("missing-if", base + ".policyRule", "policyRule has no 'if' condition"));
            }
            JsonNode then = Json.get(rule, "then");
            if (then == null || !then.isObject()) {
                d.add(Diagnostic.error("missing-then", base + ".policyRule", "policyRule has no 'then' object"));
            } else if (Json.get(then, "effect") == null) {
                d.add(Diagnostic.error("missing-effect", base + ".policyRule.then", "'then' has no effect"));
            }
        }
        String name = Json.text(root, "name");
        String id = Json.text(root, "id");
        String version = Json.text(props, "version");
        JsonNode metadata = Json.get(props, "metadata");
        if (version == null && metadata != null) {
            version = Json.text(metadata, "version");
        }
        PolicyDefinition def = new PolicyDefinition(id, name, Json.text(props, "displayName"), Json.text(props, "description"),
                Json.text(props, "policyType"), mode == null ? PolicyMode.DEFAULT : mode, version, metadata, params, rule, source);
        return new Parsed<>(rule != null && rule.isObject() ? def : null, d);
    }

    public static Parsed<PolicySetDefinition> readInitiative(JsonNode root, String source) {
        List<Diagnostic> d = new ArrayList<>();
        if (root == null || !root.isObject()) {
            d.add(Diagnostic.error("not-an-object", "$", "an initiative must be a JSON object"));
            return new Parsed<>(null, d);
        }
        if (tooDeep(root, d)) {
            return new Parsed<>(null, d);
        }
        JsonNode props = propertiesOf(root);
        String base = propertiesPath(root);
        Map<String, ParameterDefinition> params = readParameters(props, base, d);

        List<PolicySetDefinition.Group> groups = new ArrayList<>();
        JsonNode groupsNode = Json.get(props, "policyDefinitionGroups");
        if (groupsNode != null && groupsNode.isArray()) {
            for (JsonNode g : groupsNode) {
                groups.add(new PolicySetDefinition.Group(Json.text(g, "name"), Json.text(g, "displayName"), Json.text(g, "category"),
                        Json.text(g, "description"), Json.text(g, "additionalMetadataId")));
            }
        }
        List<PolicySetDefinition.Reference> refs = new ArrayList<>();
        JsonNode members = Json.get(props, "policyDefinitions");
        String membersPath = base + ".policyDefinitions";
        if (members == null || !members.isArray()) {
            d.add(Diagnostic.error("missing-policy-definitions", base, "an initiative needs a policyDefinitions array"));
        } else {
            Map<String, Integer> seenReferenceIds = new HashMap<>();
            for (int i = 0; i < members.size(); i++) {
                JsonNode m = members.get(i);
                String p = Json.path(membersPath, i);
                String defId = Json.text(m, "policyDefinitionId");
                if (defId == null) {
                    d.add(Diagnostic.error("missing-definition-id", p, "member has no policyDefinitionId"));
                    continue;
                }
                String refId = Json.text(m, "policyDefinitionReferenceId");
                if (refId == null) {
                    // Azure generates one; keep the members addressable with a stable stand-in.
                    refId = defId.substring(defId.lastIndexOf('/') + 1);
                }
                Integer previous = seenReferenceIds.put(refId.toLowerCase(Locale.ROOT), i);
                if (previous != null) {
                    d.add(Diagnostic.error("duplicate-reference-id", p + ".policyDefinitionReferenceId",
                            "policyDefinitionReferenceId '" + refId + "' is also used by member " + previous));
                }
                Map<String, JsonNode> values = new LinkedHashMap<>();
                JsonNode pv = Json.get(m, "parameters");
                if (pv != null && pv.isObject()) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = pv.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        JsonNode wrapped = e.getValue();
                        JsonNode value = wrapped != null && wrapped.isObject() && Json.get(wrapped, "value") != null
                                ? Json.get(wrapped, "value") : null;
                        if (value == null) {
                            d.add(Diagnostic.error("invalid-parameter-value", Json.path(p + ".parameters", e.getKey()),
                                    "a member parameter must be an object with a 'value'"));
                            continue;
                        }
                        values.put(e.getKey(), value);
                    }
                }
                List<String> groupNames = new ArrayList<>();
                JsonNode gn = Json.get(m, "groupNames");
                if (gn != null && gn.isArray()) {
                    gn.forEach(x -> groupNames.add(x.asText()));
                }
                refs.add(new PolicySetDefinition.Reference(defId, refId, values, groupNames, Json.text(m, "definitionVersion")));
            }
        }
        JsonNode metadata = Json.get(props, "metadata");
        String version = Json.text(props, "version");
        if (version == null && metadata != null) {
            version = Json.text(metadata, "version");
        }
        PolicySetDefinition set = new PolicySetDefinition(Json.text(root, "id"), Json.text(root, "name"), Json.text(props, "displayName"),
                Json.text(props, "description"), Json.text(props, "policyType"), version, metadata, params, refs, groups, source);
        return new Parsed<>(set, d);
    }

    /** Parameters keyed by lower-cased name, in declaration order. */
    static Map<String, ParameterDefinition> readParameters(JsonNode props, String base, List<Diagnostic> d) {
        JsonNode node = Json.get(props, "parameters");
        if (node == null || node.isNull()) {
            return Collections.emptyMap();
        }
        String path = base + ".parameters";
        if (!node.isObject()) {
            d.add(Diagnostic.error("invalid-parameters", path, "parameters must be an object"));
            return Collections.emptyMap();
        }
        Map<String, ParameterDefinition> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String p = Json.path(path, e.getKey());
            JsonNode decl = e.getValue();
            if (!decl.isObject()) {
                d.add(Diagnostic.error("invalid-parameter", p, "a parameter declaration must be an object"));
                continue;
            }
            String typeName = Json.text(decl, "type");
            ParameterType type = ParameterType.parse(typeName);
            if (type == null) {
                d.add(Diagnostic.error("invalid-parameter-type", p + ".type", "parameter type '" + typeName
                        + "' is not one of String, Array, Object, Boolean, Integer, Float, DateTime"));
                type = ParameterType.STRING;
            }
            JsonNode def = Json.get(decl, "defaultValue");
            List<com.fasterxml.jackson.databind.JsonNode> allowed = null;
            JsonNode av = Json.get(decl, "allowedValues");
            if (av != null && !av.isNull()) {
                if (!av.isArray()) {
                    d.add(Diagnostic.error("invalid-allowed-values", p + ".allowedValues", "allowedValues must be an array"));
                } else {
                    allowed = new ArrayList<>();
                    av.forEach(allowed::add);
                }
            }
            if (def != null && !def.isNull() && !type.accepts(def) && !isExpression(def)) {
                String message = "defaultValue is of type " + io.rampart.expression.Values.typeName(def)
                        + " but the parameter is declared " + type.displayName();
                if (deprecated(decl)) {
                    // Built-ins keep deprecated parameters ("deprecated": true) only so old assignments
                    // stay valid, and Azure publishes some with such defaults (CMMC Level 3 declares
                    // String parameters defaulting to []). A member that still uses one fails to bind.
                    d.add(Diagnostic.warning("default-type-mismatch", p + ".defaultValue", message + " (deprecated parameter)"));
                } else {
                    d.add(Diagnostic.error("default-type-mismatch", p + ".defaultValue", message));
                }
            }
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (out.containsKey(key)) {
                d.add(Diagnostic.error("duplicate-parameter", p, "parameter '" + e.getKey() + "' is declared twice (names are case-insensitive)"));
            }
            out.put(key, new ParameterDefinition(e.getKey(), type, def, allowed, Json.get(decl, "metadata")));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Reports JSON nested deeper than {@link Json#MAX_NESTING} (only in-memory trees can be). */
    static boolean tooDeep(JsonNode root, List<Diagnostic> d) {
        String deep = Json.pathDeeperThan(root, "$", Json.MAX_NESTING);
        if (deep == null) {
            return false;
        }
        d.add(Diagnostic.error("nesting-too-deep", deep, "the JSON is nested more than " + Json.MAX_NESTING + " levels deep"));
        return true;
    }

    /** A parameter whose metadata says {@code "deprecated": true} (built-ins only). */
    private static boolean deprecated(JsonNode decl) {
        JsonNode metadata = Json.get(decl, "metadata");
        JsonNode flag = metadata == null ? null : Json.get(metadata, "deprecated");
        return flag != null && (flag.isBoolean() && flag.booleanValue() || flag.isTextual() && flag.textValue().equalsIgnoreCase("true"));
    }

    private static boolean isExpression(JsonNode v) {
        return v.isTextual() && io.rampart.expression.ArmString.isExpression(v.textValue());
    }

    private static String textOrNull(JsonNode o, String key, String base, List<Diagnostic> d) {
        JsonNode v = Json.get(o, key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            d.add(Diagnostic.error("invalid-" + key, base + "." + key, key + " must be a string"));
            return null;
        }
        return v.textValue();
    }
}
