package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.GovernanceState;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.eval.Applicability;
import io.rampart.governance.eval.PolicyEvaluator;
import io.rampart.governance.eval.Target;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Effect;
import io.rampart.policy.EffectDetails;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.FieldResolver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Request-time enforcement in Azure's order (effect-basics.md, "order of evaluation"): Disabled
 * members are skipped; Append and Modify are evaluated against the request and change it; Deny
 * is evaluated against the changed request and blocks it; Audit records; AuditIfNotExists and
 * DeployIfNotExists are returned as pending, to evaluate after the write. DoNotEnforce
 * assignments and exempt resources change and block nothing but are still evaluated.
 * DenyAction blocks DELETE.
 */
public final class Enforcer {

    /** Types DenyAction never blocks, to prevent lockout (effect-deny-action.md). */
    private static final Set<String> DENY_ACTION_EXEMPT_TYPES = Set.of("microsoft.authorization/policyassignments",
            "microsoft.authorization/denyassignments", "microsoft.blueprint/blueprintassignments",
            "microsoft.resources/deploymentstacks", "microsoft.resources/subscriptions", "microsoft.authorization/locks");

    private final RequestMutator mutator;
    private final Clock clock;
    private final boolean explain;

    public Enforcer(FieldResolver fields, Clock clock) {
        this(fields, clock, true);
    }

    /** @param explain record evaluatedExpressions for every outcome (the 403 always carries them) */
    public Enforcer(FieldResolver fields, Clock clock, boolean explain) {
        this(fields, clock, explain, AliasModifiability.ALL);
    }

    /** @param modifiability which aliases Modify may change in which API versions */
    public Enforcer(FieldResolver fields, Clock clock, boolean explain, AliasModifiability modifiability) {
        this.mutator = new RequestMutator(fields, modifiability);
        this.clock = clock;
        this.explain = explain;
    }

    public Decision write(GovernanceState state, WriteRequest request, ResourceInventory inventory) {
        ArmId id = request.resourceId();
        ObjectNode original = PolicyEvaluator.policyView(id, request.body());
        String location = PolicyEvaluator.location(original);
        List<Target> targets = Applicability.targets(state, new Applicability.Facts(id, id.type(), location), clock.instant());
        PolicyEvaluator evaluator = new PolicyEvaluator(clock, inventory);
        List<PolicyOutcome> outcomes = new ArrayList<>();
        List<PolicyViolations.Violation> violations = new ArrayList<>();

        // 1. Append and Modify, evaluated against the request as sent.
        Map<Target, List<RequestMutator.Op>> appendOps = new LinkedHashMap<>();
        Map<Target, List<RequestMutator.Op>> modifyOps = new LinkedHashMap<>();
        Map<Target, EvaluationResult> results = new HashMap<>();
        for (Target t : targets) {
            Effect e = t.effect();
            if (e != Effect.APPEND && e != Effect.MODIFY) {
                continue;
            }
            EvaluationResult r = evaluator.evaluate(t, id, original, request.apiVersion(), EvaluationEnvironment.Operation.WRITE, explain);
            results.put(t, r);
            if (!r.applicable()) {
                continue;
            }
            if (r.error() != null) {
                record(t, r, outcomes, violations);
                continue;
            }
            if (!r.matched()) {
                outcomes.add(new PolicyOutcome(t, r, ComplianceState.COMPLIANT, false));
            } else if (t.exempt()) {
                outcomes.add(new PolicyOutcome(t, r, ComplianceState.EXEMPT, false));
            } else if (!t.enforced()) {
                outcomes.add(new PolicyOutcome(t, r, ComplianceState.NON_COMPLIANT, false));
            } else {
                (e == Effect.APPEND ? appendOps : modifyOps).put(t, operations(t, r));
            }
        }
        ObjectNode body = original.deepCopy();
        String lowerType = id.type().toLowerCase(Locale.ROOT);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Target, List<RequestMutator.Op>> en : appendOps.entrySet()) {
            Target t = en.getKey();
            try {
                ObjectNode trial = body.deepCopy();
                List<Change> made = new ArrayList<>();
                for (RequestMutator.Op op : en.getValue()) {
                    Change c = mutator.apply(trial, op, lowerType, request.apiVersion());
                    if (c != null) {
                        made.add(c);
                    }
                }
                body = trial;
                changes.addAll(made);
                outcomes.add(new PolicyOutcome(t, results.get(t), ComplianceState.COMPLIANT, !made.isEmpty()));
            } catch (RequestMutator.FailedOp f) {
                // effect-append.md: an append that would override a value with a different one acts as a deny.
                outcomes.add(new PolicyOutcome(t, results.get(t), ComplianceState.NON_COMPLIANT, true));
                violations.add(new PolicyViolations.Violation(t, results.get(t)));
            }
        }
        body = applyModify(body, modifyOps, results, lowerType, request.apiVersion(), changes, outcomes, violations);

        // 2. Deny, Audit and the rest, evaluated against the request as changed.
        List<PolicyOutcome> pending = new ArrayList<>();
        for (Target t : targets) {
            Effect e = t.effect();
            if (e == Effect.APPEND || e == Effect.MODIFY || e == Effect.DISABLED || e == Effect.DENY_ACTION || e == Effect.AUDIT_ACTION) {
                continue; // DenyAction and AuditAction act on DELETE only
            }
            EvaluationResult r = evaluator.evaluate(t, id, body, request.apiVersion(), EvaluationEnvironment.Operation.WRITE, explain);
            if (!r.applicable()) {
                continue;
            }
            if (e.isIfNotExists()) {
                if (r.matched() || r.complianceState() != ComplianceState.NOT_APPLICABLE) {
                    pending.add(new PolicyOutcome(t, r, t.exempt() ? ComplianceState.EXEMPT : ComplianceState.UNKNOWN, false));
                }
                continue;
            }
            if (e == Effect.DENY) {
                record(t, r, outcomes, violations);
                continue;
            }
            ComplianceState s = r.error() != null ? ComplianceState.ERROR : r.complianceState();
            outcomes.add(new PolicyOutcome(t, r, t.exempt() ? ComplianceState.EXEMPT : s, false));
        }
        if (!violations.isEmpty()) {
            return new Decision.Denied(PolicyViolations.requestDisallowed(id, explained(violations, evaluator, id, original, body, request.apiVersion())),
                    outcomes);
        }
        return new Decision.Allowed(strip(request.body(), body), changes, outcomes, pending);
    }

    /** The violations with their evaluatedExpressions (evaluated again when the first pass did not record them). */
    private List<PolicyViolations.Violation> explained(List<PolicyViolations.Violation> vs, PolicyEvaluator evaluator, ArmId id, JsonNode original,
                                                       JsonNode changed, String apiVersion) {
        if (explain) {
            return vs;
        }
        List<PolicyViolations.Violation> out = new ArrayList<>();
        for (PolicyViolations.Violation v : vs) {
            Effect e = v.target().effect();
            JsonNode seen = e == Effect.APPEND || e == Effect.MODIFY ? original : changed;
            out.add(new PolicyViolations.Violation(v.target(), evaluator.evaluate(v.target(), id, seen, apiVersion,
                    EvaluationEnvironment.Operation.WRITE, true)));
        }
        return out;
    }

    /** A Deny member (or a failed evaluation of an enforcing member): blocks when enforced and not exempt. */
    private static void record(Target t, EvaluationResult r, List<PolicyOutcome> outcomes, List<PolicyViolations.Violation> violations) {
        boolean hit = r.error() != null || r.matched();
        if (!hit) {
            outcomes.add(new PolicyOutcome(t, r, ComplianceState.COMPLIANT, false));
        } else if (t.exempt()) {
            outcomes.add(new PolicyOutcome(t, r, ComplianceState.EXEMPT, false));
        } else if (!t.enforced()) {
            outcomes.add(new PolicyOutcome(t, r, r.error() != null ? ComplianceState.ERROR : ComplianceState.NON_COMPLIANT, false));
        } else {
            outcomes.add(new PolicyOutcome(t, r, r.error() != null ? ComplianceState.ERROR : ComplianceState.NON_COMPLIANT, true));
            violations.add(new PolicyViolations.Violation(t, r));
        }
    }

    /**
     * Applies Modify with effect-modify.md's conflict rules: members changing the same property to
     * different values conflict; with one conflictEffect deny among them it wins and the others skip
     * all their operations; with several, the request is denied; with none, no conflicting member
     * applies anything.
     */
    private ObjectNode applyModify(ObjectNode body, Map<Target, List<RequestMutator.Op>> modifyOps, Map<Target, EvaluationResult> results,
                                   String lowerType, String apiVersion, List<Change> changes, List<PolicyOutcome> outcomes,
                                   List<PolicyViolations.Violation> violations) {
        Map<String, Map<Target, JsonNode>> byKey = new LinkedHashMap<>();
        for (Map.Entry<Target, List<RequestMutator.Op>> en : modifyOps.entrySet()) {
            for (RequestMutator.Op op : en.getValue()) {
                String key;
                try {
                    key = mutator.key(op.field());
                } catch (RequestMutator.FailedOp f) {
                    continue;
                }
                byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(en.getKey(), RequestMutator.outcome(op));
            }
        }
        Set<Target> conflicting = new LinkedHashSet<>();
        for (Map<Target, JsonNode> m : byKey.values()) {
            if (m.size() > 1 && m.values().stream().map(Values::toJson).distinct().count() > 1) {
                conflicting.addAll(m.keySet());
            }
        }
        Set<Target> skipped = new LinkedHashSet<>();
        if (!conflicting.isEmpty()) {
            List<Target> denying = conflicting.stream().filter(t -> conflictEffect(t, results.get(t)).equals("deny")).toList();
            if (denying.size() > 1) {
                for (Target t : denying) {
                    outcomes.add(new PolicyOutcome(t, results.get(t), ComplianceState.CONFLICT, true));
                    violations.add(new PolicyViolations.Violation(t, results.get(t)));
                }
                skipped.addAll(conflicting);
                conflicting.stream().filter(t -> !denying.contains(t))
                        .forEach(t -> outcomes.add(new PolicyOutcome(t, results.get(t), ComplianceState.CONFLICT, false)));
            } else {
                for (Target t : conflicting) {
                    if (!denying.contains(t)) {
                        skipped.add(t);
                        outcomes.add(new PolicyOutcome(t, results.get(t), ComplianceState.NON_COMPLIANT, false));
                    }
                }
            }
        }
        for (Map.Entry<Target, List<RequestMutator.Op>> en : modifyOps.entrySet()) {
            Target t = en.getKey();
            if (skipped.contains(t)) {
                continue;
            }
            List<Change> made = new ArrayList<>();
            boolean audited = false;
            boolean denied = false;
            for (RequestMutator.Op op : en.getValue()) {
                ObjectNode trial = body.deepCopy();
                try {
                    Change c = mutator.apply(trial, op, lowerType, apiVersion);
                    body = trial;
                    if (c != null) {
                        made.add(c);
                    }
                } catch (RequestMutator.FailedOp f) {
                    // The operation can't be applied (not modifiable in this API version, a value of the wrong type, remove on a
                    // non-tag, ...): the conflict effect decides. deny blocks the request; audit lets it through without the
                    // operation and reports the member NonCompliant; disabled skips the operation silently.
                    switch (conflictEffect(t, results.get(t))) {
                        case "deny" -> denied = true;
                        case "disabled" -> {
                        }
                        default -> audited = true;
                    }
                }
            }
            if (denied) {
                violations.add(new PolicyViolations.Violation(t, results.get(t)));
            }
            changes.addAll(made);
            outcomes.add(new PolicyOutcome(t, results.get(t), denied || audited ? ComplianceState.NON_COMPLIANT : ComplianceState.COMPLIANT,
                    !made.isEmpty() || denied));
        }
        return body;
    }

    /**
     * The outcome of applying one member's Modify or Append operations to a resource body on its
     * own (a remediation: no other member competes for the same properties).
     *
     * @param body    the changed body (a copy; the input is not touched)
     * @param changes what changed, in order; empty when nothing could or needed to change
     * @param skipped why operations were skipped (their conflict effect was audit or disabled)
     * @param denied  why the write would be denied (conflictEffect deny, or an Append replacing a value); null when not
     */
    public record Mutation(ObjectNode body, List<Change> changes, List<String> skipped, String denied) {
        public Mutation {
            changes = List.copyOf(changes);
            skipped = List.copyOf(skipped);
        }
    }

    /** Applies a matched Modify or Append member's operations (evaluated in {@code r}) to a copy of {@code body}. */
    public Mutation mutate(Target t, EvaluationResult r, JsonNode body, String apiVersion) {
        ObjectNode out = body != null && body.isObject() ? ((ObjectNode) body).deepCopy() : Values.object();
        String lowerType = Values.toText(Values.property(out, "type")).toLowerCase(Locale.ROOT);
        List<Change> made = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        boolean append = t.effect() == Effect.APPEND;
        for (RequestMutator.Op op : operations(t, r)) {
            ObjectNode trial = out.deepCopy();
            try {
                Change c = mutator.apply(trial, op, lowerType, apiVersion);
                out = trial;
                if (c != null) {
                    made.add(c);
                }
            } catch (RequestMutator.FailedOp f) {
                String effect = append ? "deny" : conflictEffect(t, r);
                if (effect.equals("deny")) {
                    return new Mutation(out, made, skipped, f.getMessage());
                }
                if (!effect.equals("disabled")) {
                    skipped.add(f.getMessage());
                }
            }
        }
        return new Mutation(out, made, skipped, null);
    }

    /** The member's conflictEffect: as written in the definition (Azure's default is deny), or as evaluated when it is an expression. */
    static String conflictEffect(Target t, EvaluationResult r) {
        JsonNode then = Values.property(t.policy().compiled().definition().policyRule(), "then");
        JsonNode details = then == null ? null : Values.property(then, "details");
        JsonNode written = details == null ? null : Values.property(details, "conflictEffect");
        if (written == null || !written.isTextual()) {
            return "deny";
        }
        String w = written.textValue().strip();
        if (w.startsWith("[") && !w.startsWith("[[")) {
            JsonNode evaluated = r.effectDetails() == null ? null : Values.property(r.effectDetails(), "conflictEffect");
            return evaluated == null ? "deny" : evaluated.asText().toLowerCase(Locale.ROOT);
        }
        return w.toLowerCase(Locale.ROOT);
    }

    /** The Append/Modify operations of a matched member, with evaluated fields and values; conditions that are false drop their operation. */
    static List<RequestMutator.Op> operations(Target t, EvaluationResult r) {
        List<RequestMutator.Op> ops = new ArrayList<>();
        JsonNode d = r.effectDetails();
        if (t.policy().details() instanceof EffectDetails.Append) {
            if (d != null && d.isArray()) {
                for (JsonNode op : d) {
                    ops.add(new RequestMutator.Op(t, "Append", "append", Values.toText(Values.property(op, "field")), value(op)));
                }
            }
            return ops;
        }
        JsonNode list = d == null ? null : Values.property(d, "operations");
        if (list != null && list.isArray()) {
            for (JsonNode op : list) {
                JsonNode cond = Values.property(op, "condition");
                if (cond != null && !(cond.isBoolean() ? cond.booleanValue() : cond.asText().equalsIgnoreCase("true"))) {
                    continue;
                }
                JsonNode operation = Values.property(op, "operation");
                ops.add(new RequestMutator.Op(t, "Modify", operation == null ? "addOrReplace" : operation.asText(),
                        Values.toText(Values.property(op, "field")), value(op)));
            }
        }
        return ops;
    }

    private static JsonNode value(JsonNode op) {
        JsonNode v = Values.property(op, "value");
        return v == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : v;
    }

    /** The changed body without the id/name/type the policy view added when the request lacked them. */
    private static JsonNode strip(JsonNode requestBody, ObjectNode changed) {
        for (String k : new String[]{"id", "name", "type"}) {
            if (requestBody == null || Values.property(requestBody, k) == null) {
                String key = Values.propertyKey(changed, k);
                if (key != null) {
                    changed.remove(key);
                }
            }
        }
        return changed;
    }

    /**
     * A DELETE: DenyAction members whose condition matches the resource block it (unless
     * exempt or DoNotEnforce); AuditAction members record. Deleting a resource group evaluates
     * the DenyAction members with {@code cascadeBehaviors.resourceGroup: deny} against every
     * resource in it that supports location and tags. Locks, assignments and the other types
     * effect-deny-action.md lists are never blocked; subscription deletions are not blocked.
     */
    public Decision delete(GovernanceState state, DeleteRequest request, ResourceInventory inventory) {
        ArmId id = request.resourceId();
        List<PolicyOutcome> outcomes = new ArrayList<>();
        if (DENY_ACTION_EXEMPT_TYPES.contains(id.type().toLowerCase(Locale.ROOT)) || id.kind() == ArmId.Kind.SUBSCRIPTION) {
            return new Decision.Allowed(request.existing(), List.of(), outcomes, List.of());
        }
        PolicyEvaluator evaluator = new PolicyEvaluator(clock, inventory);
        List<PolicyViolations.Violation> violations = new ArrayList<>();
        JsonNode existing = request.existing() != null ? request.existing() : inventory == null ? null : inventory.get(id);
        ObjectNode view = PolicyEvaluator.policyView(id, existing);
        deleteChecks(state, id, view, request.apiVersion(), evaluator, false, outcomes, violations);
        if (id.kind() == ArmId.Kind.RESOURCE_GROUP && inventory != null) {
            for (JsonNode child : inventory.resourcesUnder(id)) {
                JsonNode cid = Values.property(child, "id");
                if (cid == null || !cid.isTextual()) {
                    continue;
                }
                ArmId childId;
                try {
                    childId = ArmId.parse(cid.textValue());
                } catch (InvalidArmIdException e) {
                    continue;
                }
                if (!childId.isResource() || PolicyEvaluator.location(child) == null) {
                    continue; // only resources that support location and tags block a resource group deletion
                }
                deleteChecks(state, childId, PolicyEvaluator.policyView(childId, child), request.apiVersion(), evaluator, true, outcomes,
                        violations);
            }
        }
        if (!violations.isEmpty()) {
            return new Decision.Denied(PolicyViolations.requestDisallowed(id, violations), outcomes);
        }
        return new Decision.Allowed(existing, List.of(), outcomes, List.of());
    }

    private void deleteChecks(GovernanceState state, ArmId id, ObjectNode view, String apiVersion, PolicyEvaluator evaluator, boolean cascade,
                              List<PolicyOutcome> outcomes, List<PolicyViolations.Violation> violations) {
        List<Target> targets = Applicability.targets(state, new Applicability.Facts(id, id.type(), PolicyEvaluator.location(view)),
                clock.instant());
        for (Target t : targets) {
            Effect e = t.effect();
            if (e != Effect.DENY_ACTION && e != Effect.AUDIT_ACTION) {
                continue;
            }
            if (cascade && !(t.policy().details() instanceof EffectDetails.DenyAction da && "deny".equalsIgnoreCase(da.cascadeResourceGroup()))) {
                continue;
            }
            EvaluationResult r = evaluator.evaluate(t, id, view, apiVersion, EvaluationEnvironment.Operation.DELETE, true);
            if (!r.applicable() || !r.matched()) {
                continue;
            }
            if (t.exempt()) {
                outcomes.add(new PolicyOutcome(t, r, ComplianceState.EXEMPT, false));
            } else if (e == Effect.AUDIT_ACTION || !t.enforced()) {
                outcomes.add(new PolicyOutcome(t, r, e == Effect.AUDIT_ACTION ? ComplianceState.NON_COMPLIANT : ComplianceState.PROTECTED, false));
            } else {
                outcomes.add(new PolicyOutcome(t, r, ComplianceState.PROTECTED, true));
                violations.add(new PolicyViolations.Violation(t, r));
            }
        }
    }
}
