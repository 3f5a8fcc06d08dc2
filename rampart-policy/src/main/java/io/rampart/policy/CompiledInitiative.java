package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.policy.model.ParameterDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An initiative whose members are all resolved and compiled. Binding it to the initiative's
 * parameter values passes them through to each member ({@code [parameters('x')]} in a member's
 * parameter values refers to the initiative's parameters).
 */
public final class CompiledInitiative {

    /**
     * One compiled member and its parameter values (template values over the initiative's
     * parameters). {@code standIn} is true when the member pins another major version of its
     * definition than the one available, which then stands in for it.
     */
    public record Member(PolicySetDefinition.Reference reference, CompiledPolicy policy, Map<String, TemplateValue> parameterValues,
                         boolean standIn) {
    }

    /** One bound member. */
    public record BoundMember(PolicySetDefinition.Reference reference, BoundPolicy policy) {
    }

    private final PolicySetDefinition definition;
    private final List<Member> members;

    CompiledInitiative(PolicySetDefinition definition, List<Member> members) {
        this.definition = definition;
        this.members = List.copyOf(members);
    }

    public PolicySetDefinition definition() {
        return definition;
    }

    public List<Member> members() {
        return members;
    }

    /** Binds to the initiative parameters' default values. */
    public Parsed<List<BoundMember>> bindDefaults() {
        return bind(Map.of());
    }

    /**
     * Binds every member: initiative parameter values (defaults fill the gaps) are validated, then
     * each member's parameter values are evaluated against them and the member is bound.
     */
    public Parsed<List<BoundMember>> bind(Map<String, JsonNode> values) {
        List<Diagnostic> d = new ArrayList<>();
        Map<String, JsonNode> given = new HashMap<>();
        values.forEach((k, v) -> given.put(k.toLowerCase(Locale.ROOT), v));
        for (String k : values.keySet()) {
            if (!definition.parameters().containsKey(k.toLowerCase(Locale.ROOT))) {
                d.add(Diagnostic.error("unknown-parameter", "$.parameters." + k, "the initiative declares no parameter '" + k + "'"));
            }
        }
        Map<String, JsonNode> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, ParameterDefinition> e : definition.parameters().entrySet()) {
            ParameterDefinition p = e.getValue();
            JsonNode v = given.get(e.getKey());
            if (v == null) {
                v = p.defaultValue();
            } else {
                String problem = CompiledPolicy.checkValue(p, v);
                if (problem != null) {
                    d.add(Diagnostic.error("invalid-parameter-value", "$.parameters." + p.name(), problem));
                    continue;
                }
            }
            if (v != null) {
                resolved.put(e.getKey(), v);
            }
        }
        ParameterSource source = name -> resolved.get(name.toLowerCase(Locale.ROOT));
        EvalContext ctx = EvalContext.of(source, Clock.systemUTC(), EvaluationLimits.AZURE_POLICY);
        List<BoundMember> bound = new ArrayList<>();
        for (Member m : members) {
            String path = "$.properties.policyDefinitions[" + definition.policyDefinitions().indexOf(m.reference()) + "]";
            Map<String, JsonNode> memberValues = new LinkedHashMap<>();
            boolean ok = true;
            for (Map.Entry<String, TemplateValue> pv : m.parameterValues().entrySet()) {
                try {
                    memberValues.put(pv.getKey(), pv.getValue().evaluate(ctx));
                } catch (ExpressionException ex) {
                    String msg = ex.getMessage();
                    if (msg != null && msg.contains("is not defined")) {
                        // An initiative parameter without a value or default: the assignment must supply it.
                        d.add(Diagnostic.error("missing-parameter", path + ".parameters." + pv.getKey(), msg));
                    } else {
                        d.add(Diagnostic.error("invalid-parameter-value", path + ".parameters." + pv.getKey(), msg));
                    }
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            // A stand-in version may spell allowed values differently than the pinned one did
            // (older Kubernetes definitions allowed 'audit', newer ones only 'Audit').
            Parsed<BoundPolicy> b = m.policy().bind(memberValues, m.standIn());
            for (Diagnostic x : b.diagnostics()) {
                // The member's own path ($.parameters.x) continues the member's path in the initiative.
                String inner = x.path().startsWith("$") ? x.path().substring(1) : "." + x.path();
                d.add(new Diagnostic(x.severity(), x.code(), path + inner, "member '" + m.reference().referenceId() + "': " + x.message()));
            }
            if (b.ok()) {
                bound.add(new BoundMember(m.reference(), b.value()));
            }
        }
        return new Parsed<>(d.stream().anyMatch(Diagnostic::isError) ? null : bound, d);
    }
}
