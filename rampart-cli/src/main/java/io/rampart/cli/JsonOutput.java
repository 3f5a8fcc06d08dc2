package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.gate.report.JsonText;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.policy.EvaluationResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The JSON shapes of rampart's output (documented in docs/cli.md). Never colored; always "\n" line ends. */
final class JsonOutput {

    static final JsonNodeFactory NODES = io.rampart.expression.Values.NODES;

    private JsonOutput() {
    }

    static ObjectNode object() {
        return NODES.objectNode();
    }

    static ArrayNode array() {
        return NODES.arrayNode();
    }

    static void print(PrintWriter out, JsonNode node) {
        out.print(JsonText.pretty(node));
        out.flush();
    }

    static String toCompactJson(JsonNode node) {
        return JsonText.compact(node);
    }

    static ObjectNode policy(Policies.PolicyRef ref) {
        ObjectNode p = object();
        p.put("name", ref.name());
        p.put("id", ref.id());
        p.put("displayName", ref.displayName());
        if (ref.referenceId() != null) {
            p.put("policyDefinitionReferenceId", ref.referenceId());
        }
        return p;
    }

    /** One result: the shape of `policy eval --format json` for one policy and one resource. */
    static ObjectNode result(Outcome o) {
        EvaluationResult r = o.result();
        ObjectNode n = object();
        ObjectNode policy = policy(o.policy());
        if (o.groupNames() != null && !o.groupNames().isEmpty()) {
            ArrayNode g = policy.putArray("groupNames");
            o.groupNames().forEach(g::add);
        }
        n.set("policy", policy);
        ObjectNode res = n.putObject("resource");
        res.put("id", o.resourceId());
        res.put("name", o.resourceName());
        res.put("type", o.resourceType());
        n.put("applicable", r.applicable());
        n.put("compliant", r.compliant());
        n.put("complianceState", r.complianceState().displayName());
        n.put("effect", r.effect());
        n.put("reason", r.reason());
        ArrayNode exprs = n.putArray("evaluatedExpressions");
        for (EvaluatedExpression e : r.evaluatedExpressions()) {
            exprs.add(expression(e));
        }
        n.set("effectDetails", r.effectDetails());
        n.set("ifNotExistsDetails", r.ifNotExistsDetails());
        if (r.error() != null) {
            n.set("error", error(r.error()));
        }
        return n;
    }

    static ObjectNode expression(EvaluatedExpression e) {
        return JsonText.expression(e);
    }

    static ObjectNode error(EvaluationResult.EvaluationError e) {
        ObjectNode x = object();
        x.put("code", e.code());
        x.put("message", e.message());
        x.put("conditionPath", e.conditionPath());
        return x;
    }

    static ArrayNode diagnostics(List<Diagnostic> diagnostics) {
        ArrayNode a = array();
        for (Diagnostic d : diagnostics) {
            a.add(diagnostic(d));
        }
        return a;
    }

    static ObjectNode diagnostic(Diagnostic d) {
        ObjectNode x = object();
        x.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
        x.put("code", d.code());
        x.put("path", d.path());
        x.put("message", d.message());
        return x;
    }

    /** Counts over many results (documented as the `summary` object). */
    static ObjectNode summary(List<Outcome> outcomes, int policies, int resources) {
        ObjectNode s = object();
        s.put("compliant", outcomes.stream().allMatch(o -> o.result().compliant()));
        s.put("policies", policies);
        s.put("resources", resources);
        s.put("evaluations", outcomes.size());
        ObjectNode states = s.putObject("states");
        for (ComplianceState c : ComplianceState.values()) {
            long n = outcomes.stream().filter(o -> o.result().complianceState() == c).count();
            if (n > 0 || c == ComplianceState.COMPLIANT || c == ComplianceState.NON_COMPLIANT || c == ComplianceState.NOT_APPLICABLE) {
                states.put(c.displayName(), n);
            }
        }
        s.put("nonCompliant", outcomes.stream().filter(o -> !o.result().compliant()).count());
        s.put("errors", outcomes.stream().filter(o -> o.result().error() != null).count());
        Set<JsonNode> nonCompliantResources = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<JsonNode> applicableResources = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Outcome o : outcomes) {
            if (o.result().applicable()) {
                applicableResources.add(o.resource());
            }
            if (!o.result().compliant()) {
                nonCompliantResources.add(o.resource());
            }
        }
        s.put("applicableResources", applicableResources.size());
        s.put("nonCompliantResources", nonCompliantResources.size());
        return s;
    }
}
