package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Values;
import io.rampart.policy.model.ParameterDefinition;
import io.rampart.policy.model.PolicyDefinition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A definition compiled once: fields resolved, expressions compiled. Immutable and thread-safe.
 * {@link #bind} specialises it for an assignment's parameter values.
 */
public final class CompiledPolicy {

    private final PolicyDefinition definition;
    private final Condition condition;
    private final TemplateValue effect;
    private final EffectDetails details;
    private final Set<FieldRef.Kind> conditionKinds;
    private final FieldResolver fields;
    private volatile BoundPolicy defaults;

    CompiledPolicy(PolicyDefinition definition, Condition condition, TemplateValue effect, EffectDetails details,
                   Set<FieldRef.Kind> conditionKinds, FieldResolver fields) {
        this.definition = definition;
        this.condition = condition;
        this.effect = effect;
        this.details = details;
        this.conditionKinds = Set.copyOf(conditionKinds);
        this.fields = fields;
    }

    public PolicyDefinition definition() {
        return definition;
    }

    /** The resource types the rule's {@code if} tests for with equals/in on {@code type} (empty: any type). */
    public Set<String> targetTypes() {
        return TargetTypes.of(condition);
    }

    /** Binds to the parameters' default values. */
    public Parsed<BoundPolicy> bindDefaults() {
        BoundPolicy d = defaults;
        if (d != null) {
            return new Parsed<>(d, List.of());
        }
        Parsed<BoundPolicy> p = bind(Map.of());
        if (p.ok()) {
            defaults = p.value();
        }
        return p;
    }

    /**
     * Specialises the policy for parameter values (names are case-insensitive; parameters not
     * given take their defaults). Checks what Azure checks when a policy is assigned: every
     * parameter without a default has a value, values match the declared type and allowedValues,
     * no unknown parameter is given, and the effect and its details fit.
     */
    public Parsed<BoundPolicy> bind(Map<String, JsonNode> values) {
        return bind(values, false);
    }

    /**
     * As {@link #bind(Map)}; with {@code caseInsensitiveAllowedValues} a value that matches an
     * allowed value only when case is ignored is accepted (with a warning) as that allowed value.
     * Used for initiative members bound against a stand-in for the definition version they pin.
     */
    public Parsed<BoundPolicy> bind(Map<String, JsonNode> values, boolean caseInsensitiveAllowedValues) {
        List<Diagnostic> d = new ArrayList<>();
        Map<String, JsonNode> given = new HashMap<>();
        values.forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        for (String k : values.keySet()) {
            if (!definition.parameters().containsKey(k.toLowerCase(Locale.ROOT))) {
                d.add(Diagnostic.error("unknown-parameter", "$.parameters." + k, "the definition declares no parameter '" + k
                        + "'; declared: " + String.join(", ", declaredNames())));
            }
        }
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterDefinition> e : definition.parameters().entrySet()) {
            ParameterDefinition p = e.getValue();
            JsonNode v = given.get(e.getKey());
            String path = "$.parameters." + p.name();
            if (v == null) {
                v = p.defaultValue();
                if (v == null) {
                    d.add(Diagnostic.error("missing-parameter", path, "parameter '" + p.name() + "' has no default value and none was given"));
                    continue;
                }
            } else {
                String problem = checkValue(p, v);
                JsonNode canonical = problem != null && caseInsensitiveAllowedValues ? allowedIgnoringCase(p, v) : null;
                if (canonical != null) {
                    d.add(Diagnostic.warning("allowed-value-case", path, "value " + Values.toJson(v) + " of parameter '" + p.name()
                            + "' is allowed only ignoring case; the available definition version takes " + Values.toJson(canonical)));
                    v = canonical;
                } else if (problem != null) {
                    d.add(Diagnostic.error("invalid-parameter-value", path, problem));
                    continue;
                }
            }
            resolved.put(e.getKey(), v);
        }
        if (d.stream().anyMatch(Diagnostic::isError)) {
            return new Parsed<>(null, d);
        }
        Binder binder = new Binder(resolved, fields);
        Condition boundCondition = condition.bind(binder);
        TemplateValue boundEffect = binder.bind(effect);
        EffectDetails boundDetails = details.bind(binder);
        d.addAll(binder.diagnostics());
        JsonNode effectValue = boundEffect.constantValue();
        if (effectValue == null || !effectValue.isTextual()) {
            d.add(Diagnostic.error("unresolved-effect", "$.properties.policyRule.then.effect",
                    "the effect must be a string known when the policy is assigned"));
            return new Parsed<>(null, d);
        }
        Effect kind = Effect.parse(effectValue.textValue());
        if (kind == null) {
            d.add(Diagnostic.error("unknown-effect", "$.properties.policyRule.then.effect", "unknown effect '"
                    + effectValue.textValue() + "'"));
            return new Parsed<>(null, d);
        }
        new ThenCompiler(null, d).checkFits(kind, boundDetails, "$.properties.policyRule.then.details");
        if (d.stream().anyMatch(Diagnostic::isError)) {
            return new Parsed<>(null, d);
        }
        PolicyRuntime runtime = new PolicyRuntime(Map.copyOf(resolved), fields, defaultPolicyInfo());
        return new Parsed<>(new BoundPolicy(this, boundCondition, effectValue.textValue(), kind, boundDetails, conditionKinds, runtime), d);
    }

    private List<String> declaredNames() {
        List<String> names = new ArrayList<>();
        definition.parameters().values().forEach(p -> names.add(p.name()));
        return names;
    }

    /** Why a value can't be given for a parameter, or null. */
    static String checkValue(ParameterDefinition p, JsonNode v) {
        if (!p.type().accepts(v)) {
            return "parameter '" + p.name() + "' is declared " + p.type().displayName() + " but the value is of type "
                    + Values.typeName(v);
        }
        if (p.allowedValues() != null && !p.allowedValues().isEmpty()) {
            boolean allowed = false;
            // Azure checks allowedValues case-sensitively ("dev" is not "Dev").
            for (JsonNode a : p.allowedValues()) {
                allowed |= Values.deepEquals(a, v, false);
            }
            allowed |= v.isArray() && allArrayMembersAllowed(v, p.allowedValues());
            if (!allowed) {
                List<String> names = new ArrayList<>();
                p.allowedValues().forEach(a -> names.add(Values.toText(a)));
                return "the value " + Values.toJson(v) + " of parameter '" + p.name() + "' is not one of the allowed values: "
                        + String.join(", ", names);
            }
        }
        return null;
    }

    /** The allowed string value equal to {@code v} ignoring case, or null. */
    private static JsonNode allowedIgnoringCase(ParameterDefinition p, JsonNode v) {
        if (p.allowedValues() == null || !v.isTextual()) {
            return null;
        }
        for (JsonNode a : p.allowedValues()) {
            if (a.isTextual() && a.textValue().equalsIgnoreCase(v.textValue())) {
                return a;
            }
        }
        return null;
    }

    /** For array parameters, allowedValues lists the values each member may take. */
    private static boolean allArrayMembersAllowed(JsonNode array, List<JsonNode> allowed) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode m = it.next();
            boolean ok = false;
            for (JsonNode a : allowed) {
                ok |= Values.deepEquals(a, m, false);
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private JsonNode defaultPolicyInfo() {
        ObjectNode info = Values.object();
        info.put("assignmentId", "");
        info.put("definitionId", definition.id() != null ? definition.id()
                : definition.name() != null ? "/providers/Microsoft.Authorization/policyDefinitions/" + definition.name() : "");
        info.put("setDefinitionId", "");
        info.put("definitionReferenceId", "");
        return info;
    }

    Condition condition() {
        return condition;
    }
}
