package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.expression.Arguments;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.FunctionLibrary;
import io.rampart.expression.Values;
import io.rampart.policy.alias.PropertyPath;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The template functions of the policy language: the ARM library without the functions Azure
 * Policy excludes, plus parameters(), field(), current(), requestContext(), policy(),
 * resourceGroup(), subscription() and the policy flavour of utcNow().
 */
final class PolicyFunctions {

    static final String PARAMETERS = "parameters";

    /** ARM functions that are not available in a policy rule (definition-structure-policy-rule.md). */
    static final List<String> EXCLUDED = List.of("copyIndex", "dateTimeAdd", "dateTimeFromEpoch", "dateTimeToEpoch",
            "deployment", "environment", "extensionResourceId", "listAccountSas", "listKeys", "listSecrets",
            "managementGroup", "newGuid", "pickZones", "providers", "reference", "resourceId",
            "subscriptionResourceId", "tenantResourceId", "tenant", "variables",
            // lambda() is excluded, and with it every function that takes one
            "filter", "map", "reduce", "sort", "toObject", "groupBy", "mapValues", "lambdaVariables");

    private static final DateTimeFormatter POLICY_UTC_NOW =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final FunctionLibrary LIBRARY = build();

    private PolicyFunctions() {
    }

    static FunctionLibrary library() {
        return LIBRARY;
    }

    private static FunctionLibrary build() {
        FunctionLibrary standard = FunctionLibrary.standard();
        FunctionDef armUtcNow = standard.find("utcNow");
        List<FunctionDef> policy = List.of(
                FunctionDef.contextual(PARAMETERS, 1, 1, PolicyFunctions::parameters),
                FunctionDef.contextual("field", 1, 1, PolicyFunctions::field),
                FunctionDef.contextual("current", 0, 1, PolicyFunctions::current),
                FunctionDef.contextual("requestContext", 0, 0, a -> state(a).requestContextObject()),
                FunctionDef.contextual("policy", 0, 0, PolicyFunctions::policy),
                FunctionDef.contextual("resourceGroup", 0, 0, a -> state(a).resourceGroupObject()),
                FunctionDef.contextual("subscription", 0, 0, a -> state(a).subscriptionObject()),
                // Unlike ARM, policy rules may call utcNow() anywhere; without a format it returns
                // yyyy-MM-ddTHH:mm:ss.fffffffZ.
                FunctionDef.contextual("utcNow", 0, 1, a -> {
                    if (a.size() == 1 && armUtcNow != null) {
                        return armUtcNow.body().invoke(a);
                    }
                    return TextNode.valueOf(POLICY_UTC_NOW.format(a.context().clock().instant()));
                }));
        return standard.without(EXCLUDED).with(policy);
    }

    private static EvaluationState state(Arguments a) {
        return a.context().requireHost(EvaluationState.class, a.function());
    }

    private static JsonNode parameters(Arguments a) {
        String name = a.string(0);
        ParameterSource source = a.context().host(ParameterSource.class);
        if (source == null) {
            EvaluationState st = a.context().host(EvaluationState.class);
            source = st == null ? null : st.runtime();
        }
        if (source == null) {
            throw new ExpressionException("The template function 'parameters' is not expected at this location.");
        }
        JsonNode v = source.parameter(name);
        if (v == null) {
            throw new ExpressionException("The policy parameter '" + name + "' is not defined in the policy definition.");
        }
        return v;
    }

    private static JsonNode field(Arguments a) {
        EvaluationState st = state(a);
        String name = a.string(0);
        FieldRef f = st.runtime().field(name);
        if (f == null) {
            throw a.error("'" + name + "' is not a field or alias.");
        }
        ResourceView r = st.primary();
        if (f.isCollection()) {
            List<JsonNode> values = new ArrayList<>();
            f.collect(st, r, values);
            ArrayNode out = Values.array();
            values.forEach(out::add);
            return out;
        }
        JsonNode v = f.single(st, r);
        // A missing (or null) property reads as the empty string (author-policies-for-arrays.md).
        return v == null || v.isNull() ? TextNode.valueOf("") : v;
    }

    private static JsonNode current(Arguments a) {
        EvaluationState st = state(a);
        if (a.size() == 0) {
            EvaluationState.Scope s = st.innermost();
            if (s == null) {
                throw a.error("current() can only be used inside the 'where' condition of a count expression.");
            }
            return s.current;
        }
        String name = a.string(0);
        EvaluationState.Scope s = st.named(name);
        if (s != null) {
            return s.current;
        }
        // current('<alias of a property of the counted array member>')
        FieldRef f = st.runtime().field(name);
        if (f instanceof FieldRef.AliasField af) {
            for (PropertyPath p : af.alias().paths()) {
                EvaluationState.Scope enclosing = st.enclosing(p);
                if (enclosing != null) {
                    return rest(enclosing.current, p, enclosing.path.length());
                }
            }
        }
        throw a.error("'" + name + "' is not the name of an enclosing count expression or an alias of its array members.");
    }

    /** The value of {@code p}'s steps after {@code from}, starting at a counted member. */
    private static JsonNode rest(JsonNode member, PropertyPath p, int from) {
        List<JsonNode> out = new ArrayList<>();
        collect(member, p, from, out);
        if (p.wildcardCount() > 0 && hasWildcardFrom(p, from)) {
            ArrayNode arr = Values.array();
            out.forEach(arr::add);
            return arr;
        }
        return out.isEmpty() ? Values.NODES.nullNode() : out.get(0);
    }

    private static boolean hasWildcardFrom(PropertyPath p, int from) {
        for (int i = from; i < p.length(); i++) {
            if (p.isWildcard(i)) {
                return true;
            }
        }
        return false;
    }

    private static void collect(JsonNode node, PropertyPath p, int i, List<JsonNode> out) {
        for (; i < p.length(); i++) {
            if (node == null) {
                return;
            }
            if (p.isWildcard(i)) {
                if (node.isArray()) {
                    for (JsonNode e : node) {
                        collect(e, p, i + 1, out);
                    }
                }
                return;
            }
            node = Values.property(node, p.step(i));
        }
        if (node != null) {
            out.add(node);
        }
    }

    private static JsonNode policy(Arguments a) {
        EvaluationState st = state(a);
        JsonNode info = st.env().policyInfo();
        return info != null ? info : st.runtime().defaultPolicyInfo();
    }
}
