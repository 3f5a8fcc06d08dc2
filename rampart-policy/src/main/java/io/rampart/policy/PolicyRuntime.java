package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What evaluations of one bound policy share: its parameter values, its field resolver, and a
 * cache of field names computed at evaluation time (field() arguments, dynamic field names).
 * Thread-safe.
 */
final class PolicyRuntime implements ParameterSource {

    private final Map<String, JsonNode> parameters;
    private final FieldResolver fields;
    private final JsonNode defaultPolicyInfo;
    private final Map<String, Optional<FieldRef>> fieldCache = new ConcurrentHashMap<>();

    PolicyRuntime(Map<String, JsonNode> parameters, FieldResolver fields, JsonNode defaultPolicyInfo) {
        this.parameters = parameters;
        this.fields = fields;
        this.defaultPolicyInfo = defaultPolicyInfo;
    }

    @Override
    public JsonNode parameter(String name) {
        return parameters.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    Map<String, JsonNode> parameters() {
        return parameters;
    }

    FieldResolver resolver() {
        return fields;
    }

    /** The field a name denotes, or null; cached so evaluation does no alias lookups. */
    FieldRef field(String name) {
        return fieldCache.computeIfAbsent(name, n -> Optional.ofNullable(fields.resolve(n))).orElse(null);
    }

    JsonNode defaultPolicyInfo() {
        return defaultPolicyInfo;
    }
}
