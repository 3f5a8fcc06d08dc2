package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.eval.Target;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Azure's answer to a request a policy blocks: HTTP 403 with code {@code RequestDisallowedByPolicy},
 * target the resource name, the message
 * {@code Resource '<name>' was disallowed by policy. Policy identifiers: '<json>'.} — or, when the
 * assignments carry non-compliance messages,
 * {@code Resource '<name>' was disallowed by policy. Reasons: '<message>'. See error details for policy resource IDs.}
 * — and one {@code PolicyViolation} entry in additionalInfo per blocking policy. Shapes from real
 * responses cited in src/test/resources/conformance/README.md.
 */
public final class PolicyViolations {

    public static final String CODE = "RequestDisallowedByPolicy";

    private PolicyViolations() {
    }

    /** One blocking policy and the evaluation that blocked. */
    public record Violation(Target target, EvaluationResult result) {
    }

    public static ArmError requestDisallowed(ArmId resource, List<Violation> violations) {
        String name = resource.name();
        Set<String> reasons = new LinkedHashSet<>();
        for (Violation v : violations) {
            String m = v.target().assignment().assignment().messageFor(v.target().referenceId());
            if (m != null) {
                reasons.add(m);
            }
        }
        String message;
        if (reasons.isEmpty()) {
            message = "Resource '" + name + "' was disallowed by policy. Policy identifiers: '" + Values.toJson(identifiers(violations)) + "'.";
        } else {
            List<String> quoted = reasons.stream().map(r -> "'" + r + "'").toList();
            message = "Resource '" + name + "' was disallowed by policy. Reasons: " + String.join(", ", quoted)
                    + ". See error details for policy resource IDs.";
        }
        List<JsonNode> info = new ArrayList<>();
        for (Violation v : violations) {
            info.add(Values.object().put("type", "PolicyViolation").set("info", info(v)));
        }
        return new ArmError(403, CODE, message, name, List.of(), info);
    }

    /** {@code [{"policyAssignment":{"name","id"},"policyDefinition":{"name","id"[,"version"]}[,"policySetDefinition":{...}]}]}; names are display names. */
    static ArrayNode identifiers(List<Violation> violations) {
        ArrayNode a = Values.array();
        for (Violation v : violations) {
            Target t = v.target();
            PolicyAssignment pa = t.assignment().assignment();
            PolicyDefinition def = t.member().definition();
            ObjectNode o = a.addObject();
            o.putObject("policyAssignment").put("name", pa.label()).put("id", pa.id().id());
            ObjectNode d = o.putObject("policyDefinition").put("name", label(def.displayName(), def.name())).put("id", t.definitionId());
            if (def.version() != null) {
                d.put("version", def.version());
            }
            PolicySetDefinition set = t.assignment().set();
            if (set != null) {
                ObjectNode s = o.putObject("policySetDefinition").put("name", label(set.displayName(), set.name())).put("id", t.setDefinitionId());
                if (set.version() != null) {
                    s.put("version", set.version());
                }
            }
        }
        return a;
    }

    /** The PolicyViolation info object, fields in the order Azure returns them. */
    static ObjectNode info(Violation v) {
        Target t = v.target();
        PolicyAssignment pa = t.assignment().assignment();
        PolicyDefinition def = t.member().definition();
        PolicySetDefinition set = t.assignment().set();
        ObjectNode info = Values.object();
        info.put("policyDefinitionDisplayName", label(def.displayName(), def.name()));
        if (!v.result().evaluatedExpressions().isEmpty()) {
            info.putObject("evaluationDetails").set("evaluatedExpressions", expressions(v.result().evaluatedExpressions()));
        }
        info.put("policyDefinitionId", t.definitionId());
        if (set != null) {
            info.put("policySetDefinitionId", t.setDefinitionId());
            info.put("policyDefinitionReferenceId", t.referenceId());
            info.put("policySetDefinitionName", set.name() == null ? lastSegment(t.setDefinitionId()) : set.name());
            info.put("policySetDefinitionDisplayName", label(set.displayName(), set.name()));
        }
        info.put("policyDefinitionName", def.name() == null ? lastSegment(t.definitionId()) : def.name());
        info.put("policyDefinitionEffect", t.policy().effect());
        info.put("policyAssignmentId", pa.id().id());
        info.put("policyAssignmentName", pa.name());
        info.put("policyAssignmentDisplayName", pa.label());
        info.put("policyAssignmentScope", pa.scope().id());
        ObjectNode params = info.putObject("policyAssignmentParameters");
        pa.parameters().forEach(params::set);
        ArrayNode ex = info.putArray("policyExemptionIds");
        for (PolicyExemption e : t.exemptions()) {
            ex.add(e.id().id());
        }
        return info;
    }

    /** evaluatedExpressions as Azure writes them (without Rampart's conditionPath). */
    public static ArrayNode expressions(List<EvaluatedExpression> list) {
        ArrayNode a = Values.array();
        for (EvaluatedExpression e : list) {
            ObjectNode o = a.addObject();
            o.put("result", e.result());
            o.put("expressionKind", e.expressionKind());
            o.put("expression", e.expression());
            if (e.path() != null) {
                o.put("path", e.path());
            }
            if (e.expressionValue() != null) {
                o.set("expressionValue", e.expressionValue());
            }
            if (e.targetValue() != null) {
                o.set("targetValue", e.targetValue());
            }
            o.put("operator", e.operator());
        }
        return a;
    }

    static String label(String displayName, String name) {
        return displayName != null && !displayName.isEmpty() ? displayName : name;
    }

    private static String lastSegment(String id) {
        return id == null ? null : id.substring(id.lastIndexOf('/') + 1);
    }
}
