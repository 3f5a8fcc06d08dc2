package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.model.PolicyMode;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A compiled policy bound to parameter values: what an assignment evaluates. Immutable and
 * thread-safe; each {@link #evaluate} call uses its own small state.
 */
public final class BoundPolicy {

    private final CompiledPolicy compiled;
    private final Condition condition;
    private final String effect;
    private final Effect effectKind;
    private final EffectDetails details;
    private final Set<FieldRef.Kind> considered;
    private final boolean hasLocationCondition;
    private final PolicyRuntime runtime;

    BoundPolicy(CompiledPolicy compiled, Condition condition, String effect, Effect effectKind, EffectDetails details,
                Set<FieldRef.Kind> conditionKinds, PolicyRuntime runtime) {
        this.compiled = compiled;
        this.condition = condition;
        this.effect = effect;
        this.effectKind = effectKind;
        this.details = details;
        this.considered = applicabilityKinds(conditionKinds);
        this.hasLocationCondition = conditionKinds.contains(FieldRef.Kind.LOCATION);
        this.runtime = runtime;
    }

    public CompiledPolicy compiled() {
        return compiled;
    }

    /** The effect as written after parameters are applied (e.g. "Audit", "deny"). */
    public String effect() {
        return effect;
    }

    public Effect effectKind() {
        return effectKind;
    }

    public EffectDetails details() {
        return details;
    }

    /** The parameter values in force (defaults included), by lower-cased name. */
    public Map<String, JsonNode> parameters() {
        return runtime.parameters();
    }

    /**
     * Which field kinds decide applicability for effects other than -IfNotExists
     * (policy-applicability.md): type, name and kind conditions, with these special cases — only
     * name and/or kind conditions: applicable to everything; type with name or kind but nothing
     * else: only type counts.
     */
    static Set<FieldRef.Kind> applicabilityKinds(Set<FieldRef.Kind> present) {
        boolean other = present.contains(FieldRef.Kind.OTHER) || present.contains(FieldRef.Kind.LOCATION);
        Set<FieldRef.Kind> out = EnumSet.noneOf(FieldRef.Kind.class);
        if (present.contains(FieldRef.Kind.TYPE)) {
            out.add(FieldRef.Kind.TYPE);
        }
        // Name and kind conditions count only alongside conditions on other fields.
        if (other) {
            for (FieldRef.Kind k : List.of(FieldRef.Kind.NAME, FieldRef.Kind.KIND)) {
                if (present.contains(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    /**
     * Evaluates the policy against one resource.
     *
     * @param resource the resource as ARM returns it (id, name, type, location, tags, properties, ...)
     * @param env      resource group, subscription, request context, clock, related resources
     * @param explain  record evaluatedExpressions
     */
    public EvaluationResult evaluate(JsonNode resource, EvaluationEnvironment env, boolean explain) {
        return evaluate(new ResourceView(resource), env, explain);
    }

    /**
     * As {@link #evaluate(JsonNode, EvaluationEnvironment, boolean)} over a view the caller made once
     * and reuses for every policy it evaluates against the same resource (an initiative's members).
     */
    public EvaluationResult evaluate(ResourceView view, EvaluationEnvironment env, boolean explain) {
        if (effectKind == Effect.DISABLED) {
            // effect-disabled.md: Disabled definitions have the default compliance state Compliant.
            return new EvaluationResult(name(), false, ComplianceState.COMPLIANT, effect, effectKind, false, List.of(), null, null,
                    "The effect is Disabled: the policy is not evaluated and the resource counts as compliant.", null);
        }
        String skip = skipReason(view);
        if (skip != null) {
            return notApplicable(skip);
        }
        if (isSubscription(view) && hasLocationCondition) {
            return notApplicable("policies with location conditions don't apply to subscriptions");
        }
        EvaluationState st = new EvaluationState(runtime, env, view, explain);
        try {
            if (!effectKind.isIfNotExists()) {
                st.suspendTrace(true);
                boolean applicable;
                try {
                    applicable = condition.applicable(st, considered, false);
                } catch (Undecidable u) {
                    applicable = true; // can't rule it out before deployment
                }
                st.suspendTrace(false);
                if (!applicable) {
                    return notApplicable("the resource's type, name or kind is not one the policy rule targets");
                }
            }
            boolean matched = condition.evaluate(st);
            return decide(st, matched);
        } catch (Undecidable u) {
            return cannotDecide(st.trace(), u.reason());
        } catch (PolicyEvaluationException e) {
            String code = e.getMessage() != null && e.getMessage().contains("exceeds an evaluation limit") ? "LimitExceeded" : "EvaluationFailed";
            return new EvaluationResult(name(), true, ComplianceState.NON_COMPLIANT, effect, effectKind, false, st.trace(), null, null,
                    "Policy evaluation failed; Azure treats a failed evaluation as an implicit deny: " + e.getMessage(),
                    new EvaluationResult.EvaluationError(code, e.getMessage(), e.path()));
        }
    }

    /**
     * Evaluates only the rule's {@code if} condition, whatever the mode, effect and applicability:
     * the result's {@code matched} is the condition's value (or {@code error} is set).
     */
    public EvaluationResult evaluateCondition(JsonNode resource, EvaluationEnvironment env, boolean explain) {
        EvaluationState st = new EvaluationState(runtime, env, new ResourceView(resource), explain);
        try {
            boolean matched = condition.evaluate(st);
            return new EvaluationResult(name(), true, matched ? ComplianceState.NON_COMPLIANT : ComplianceState.COMPLIANT, effect,
                    effectKind, matched, st.trace(), null, null, matched ? "The if condition is true." : "The if condition is false.", null);
        } catch (Undecidable u) {
            return cannotDecide(st.trace(), u.reason());
        } catch (PolicyEvaluationException e) {
            return new EvaluationResult(name(), true, ComplianceState.NON_COMPLIANT, effect, effectKind, false, st.trace(), null, null,
                    "Policy evaluation failed: " + e.getMessage(), new EvaluationResult.EvaluationError("EvaluationFailed", e.getMessage(), e.path()));
        }
    }

    private EvaluationResult decide(EvaluationState st, boolean matched) {
        List<EvaluatedExpression> trace = st.trace();
        if (effectKind.isIfNotExists()) {
            if (!matched) {
                return new EvaluationResult(name(), false, ComplianceState.NOT_APPLICABLE, effect, effectKind, false, trace, null, null,
                        "The policy rule's if condition is false, so the " + effectKind.displayName() + " policy does not apply.", null);
            }
            return ifNotExists(st, trace);
        }
        if (!matched) {
            return new EvaluationResult(name(), true, ComplianceState.COMPLIANT, effect, effectKind, false, trace, null, null,
                    "The resource does not match the policy rule's if condition.", null);
        }
        JsonNode evaluatedDetails = details.evaluate(st);
        return switch (effectKind) {
            case DENY_ACTION -> new EvaluationResult(name(), true, ComplianceState.PROTECTED, effect, effectKind, true, trace,
                    evaluatedDetails, null, "The resource is protected: the listed actions are denied.", null);
            case MANUAL -> {
                ComplianceState s = details instanceof EffectDetails.Manual m ? m.defaultState() : ComplianceState.UNKNOWN;
                yield new EvaluationResult(name(), true, s, effect, effectKind, true, trace, evaluatedDetails, null,
                        "Manual policy: compliance comes from an attestation; until then the state is " + s.displayName() + ".", null);
            }
            default -> new EvaluationResult(name(), true, ComplianceState.NON_COMPLIANT, effect, effectKind, true, trace,
                    evaluatedDetails, null, "The resource matches the policy rule's if condition (effect " + effect + ").", null);
        };
    }

    private EvaluationResult ifNotExists(EvaluationState st, List<EvaluatedExpression> trace) {
        EffectDetails.IfNotExists d = (EffectDetails.IfNotExists) details;
        JsonNode evaluatedDetails = d.evaluate(st);
        for (String key : new String[]{"type", "name", "resourceGroupName"}) {
            JsonNode v = Values.property(evaluatedDetails, key);
            if (io.rampart.expression.Unknown.is(v)) {
                return cannotDecide(trace, "the related resource's " + key + " is " + io.rampart.expression.Unknown.reason(v));
            }
        }
        String type = text(Values.property(evaluatedDetails, "type"));
        String name = text(Values.property(evaluatedDetails, "name"));
        String rg = text(Values.property(evaluatedDetails, "resourceGroupName"));
        RelatedResources.Lookup lookup = st.env().related().find(new RelatedResources.Query(st.primary().json(), type, name, rg, d.existenceScope()));
        if (!lookup.known()) {
            return new EvaluationResult(name(), true, ComplianceState.UNKNOWN, effect, effectKind, true, trace, evaluatedDetails, null,
                    "Cannot decide: " + lookup.unknownReason(), null);
        }
        int total = 0;
        String satisfiedBy = null;
        Undecidable undecided = null;
        for (JsonNode candidate : lookup.resources()) {
            ResourceView related = new ResourceView(candidate);
            if (type != null && !related.type().equalsIgnoreCase(type)) {
                continue;
            }
            if (name != null && !nameMatches(related, name)) {
                continue;
            }
            total++;
            ResourceView previous = st.swapResource(related);
            try {
                if (d.existenceCondition() == null || d.existenceCondition().evaluate(st)) {
                    satisfiedBy = text(Values.property(candidate, "id"));
                    if (satisfiedBy == null) {
                        satisfiedBy = related.fullName();
                    }
                    break;
                }
            } catch (Undecidable u) {
                undecided = undecided == null ? u : undecided; // another candidate may still decide
            } finally {
                st.swapResource(previous);
            }
        }
        if (satisfiedBy == null && undecided != null) {
            return cannotDecide(trace, undecided.reason());
        }
        ObjectNode ine = Values.object();
        if (satisfiedBy != null) {
            ine.put("resourceId", satisfiedBy);
        }
        ine.put("totalResources", total);
        if (satisfiedBy != null) {
            return new EvaluationResult(name(), true, ComplianceState.COMPLIANT, effect, effectKind, true, trace, evaluatedDetails, ine,
                    "A related " + type + " resource satisfies the existence condition.", null);
        }
        String why = total == 0
                ? "No related resources match the effect details in the policy definition (type " + type + (name == null ? "" : ", name " + name) + ")."
                : "None of the " + total + " related " + type + " resources satisfies the existence condition.";
        return new EvaluationResult(name(), true, ComplianceState.NON_COMPLIANT, effect, effectKind, true, trace, evaluatedDetails, ine,
                why, null);
    }

    private static boolean nameMatches(ResourceView related, String name) {
        if (name.indexOf('/') >= 0) {
            return related.fullName().equalsIgnoreCase(name) || related.fullName().toLowerCase(Locale.ROOT).endsWith("/" + name.toLowerCase(Locale.ROOT));
        }
        return related.shortName().equalsIgnoreCase(name);
    }

    /** Why the mode or effect keeps the policy from evaluating this resource at all, or null. */
    private String skipReason(ResourceView view) {
        PolicyMode mode = compiled.definition().mode();
        if (mode.kind() == PolicyMode.Kind.RESOURCE_PROVIDER) {
            return "mode " + mode.name() + " is evaluated by its resource provider, not against Resource Manager resources";
        }
        if (!effectKind.isResourceManagerEffect()) {
            return "the " + effectKind.displayName() + " effect is evaluated by its resource provider";
        }
        String type = view.lowerType();
        boolean container = isSubscription(view) || isResourceGroup(view);
        if (type.startsWith("microsoft.resources/") && !container) {
            return "Azure Policy does not evaluate Microsoft.Resources types other than subscriptions and resource groups";
        }
        if (mode.kind() == PolicyMode.Kind.INDEXED) {
            if (container) {
                return "Indexed mode does not evaluate subscriptions and resource groups";
            }
            if (!Indexed.supportsTagsAndLocation(view)) {
                return "Indexed mode evaluates only resource types that support tags and location, and " + view.type() + " does not";
            }
        }
        return null;
    }

    /** Azure Policy sees resource groups as Microsoft.Resources/subscriptions/resourceGroups. */
    private static boolean isResourceGroup(ResourceView view) {
        return view.lowerType().equals("microsoft.resources/subscriptions/resourcegroups")
                || view.lowerType().equals("microsoft.resources/resourcegroups");
    }

    private static boolean isSubscription(ResourceView view) {
        return view.lowerType().equals("microsoft.resources/subscriptions");
    }

    /** The outcome when values unknown before deployment keep the rule from being decided. */
    private EvaluationResult cannotDecide(List<EvaluatedExpression> trace, String reason) {
        return new EvaluationResult(name(), true, ComplianceState.UNKNOWN, effect, effectKind, false, trace, null, null,
                "Cannot decide before deployment: " + reason + ".", null);
    }

    private EvaluationResult notApplicable(String why) {
        return new EvaluationResult(name(), false, ComplianceState.NOT_APPLICABLE, effect, effectKind, false, List.of(), null, null,
                "Not applicable: " + why + ".", null);
    }

    private String name() {
        return compiled.definition().name();
    }

    private static String text(JsonNode v) {
        return v == null || v.isNull() ? null : v.isTextual() ? v.textValue() : Values.toText(v);
    }
}
