package io.rampart.governance.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.GovernanceState;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.enforce.ModifyConflicts;
import io.rampart.governance.enforce.PolicyViolations;
import io.rampart.governance.eval.Applicability;
import io.rampart.governance.eval.PolicyEvaluator;
import io.rampart.governance.eval.Target;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Effect;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.FieldResolver;
import io.rampart.policy.model.PolicyDefinition;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates existing resources against the assignments in force, as a compliance scan does
 * (compliance-states.md): one {@link PolicyStateRecord} per applicable (resource, assignment,
 * member); resources a member doesn't apply to get no record (Azure omits them); exempt resources
 * are Exempt; evaluation failures are Error; DenyAction gives Protected, Manual its default state
 * (Unknown), AuditIfNotExists / DeployIfNotExists look their related resources up in the inventory.
 * Append, Deny and DeployIfNotExists report NonCompliant for existing resources that match.
 */
public final class ComplianceEvaluator {

    private final GovernanceState state;
    private final Clock clock;
    private final ResourceInventory inventory;
    private final PolicyEvaluator evaluator;

    private final FieldResolver fields;
    private final boolean explain;

    /** @param fields resolves Modify fields for conflict detection (null: no Conflict states) */
    public ComplianceEvaluator(GovernanceState state, Clock clock, ResourceInventory inventory, FieldResolver fields) {
        this(state, clock, inventory, fields, true);
    }

    /** @param explain record policyEvaluationDetails (evaluatedExpressions) in the records */
    public ComplianceEvaluator(GovernanceState state, Clock clock, ResourceInventory inventory, FieldResolver fields, boolean explain) {
        this.explain = explain;
        this.fields = fields;
        this.state = state;
        this.clock = clock;
        this.inventory = inventory == null ? ResourceInventory.EMPTY : inventory;
        this.evaluator = new PolicyEvaluator(clock, this.inventory);
    }

    public List<PolicyStateRecord> evaluateScope(ArmId scope) {
        List<PolicyStateRecord> out = new ArrayList<>();
        for (JsonNode r : inventory.resourcesUnder(scope)) {
            ArmId id = idOf(r);
            if (id != null) {
                out.addAll(evaluate(id, r));
            }
        }
        return out;
    }

    public List<PolicyStateRecord> evaluate(ArmId id, JsonNode resource) {
        ObjectNode view = PolicyEvaluator.policyView(id, resource);
        String location = PolicyEvaluator.location(view);
        Instant now = clock.instant();
        List<PolicyStateRecord> out = new ArrayList<>();
        Map<Target, EvaluationResult> modifies = new LinkedHashMap<>();
        Map<Target, Integer> index = new LinkedHashMap<>();
        for (Target t : Applicability.targets(state, new Applicability.Facts(id, id.type(), location), now)) {
            if (t.effect() == Effect.DISABLED) {
                continue;
            }
            EvaluationResult r = evaluator.evaluate(t, id, view, null, EvaluationEnvironment.Operation.COMPLIANCE_SCAN, explain);
            PolicyStateRecord rec = record(t, id, view, r, now);
            if (rec != null) {
                if (t.effect() == Effect.MODIFY && r.matched() && !t.exempt() && r.error() == null) {
                    modifies.put(t, r);
                    index.put(t, out.size());
                }
                out.add(rec);
            }
        }
        if (fields != null && modifies.size() > 1) {
            for (Target t : ModifyConflicts.conflicting(fields, modifies)) {
                int i = index.get(t);
                out.set(i, record(t, id, view, ComplianceState.CONFLICT, modifies.get(t), now, state.hierarchy().managementGroupNames(id)));
            }
        }
        return out;
    }

    /** One target against one resource; null when the member doesn't apply (or its effect is Disabled). */
    public PolicyStateRecord evaluate(Target t, ArmId id, JsonNode view, Instant now) {
        if (t.effect() == Effect.DISABLED) {
            return null;
        }
        return record(t, id, view, evaluator.evaluate(t, id, view, null, EvaluationEnvironment.Operation.COMPLIANCE_SCAN, explain), now);
    }

    private PolicyStateRecord record(Target t, ArmId id, JsonNode view, EvaluationResult r, Instant now) {
        if (!r.applicable() || r.complianceState() == ComplianceState.NOT_APPLICABLE) {
            return null;
        }
        ComplianceState s = t.exempt() ? ComplianceState.EXEMPT : r.error() != null ? ComplianceState.ERROR : r.complianceState();
        return record(t, id, view, s, r, now, state.hierarchy().managementGroupNames(id));
    }

    /** A record for a resource an assignment covers but hasn't evaluated yet (state NotStarted). */
    public static PolicyStateRecord notStarted(Target t, ArmId id, JsonNode view, Instant now, List<String> managementGroups) {
        return record(t, id, view, null, null, now, managementGroups);
    }

    static PolicyStateRecord record(Target t, ArmId id, JsonNode view, ComplianceState s, EvaluationResult r, Instant now,
                                    List<String> managementGroups) {
        var pa = t.assignment().assignment();
        PolicyDefinition def = t.member().definition();
        var set = t.assignment().set();
        ObjectNode details = null;
        if (r != null) {
            details = Values.object();
            details.set("evaluatedExpressions", PolicyViolations.expressions(r.evaluatedExpressions()));
            if (r.ifNotExistsDetails() != null) {
                details.set("ifNotExistsDetails", r.ifNotExistsDetails());
            }
            if (r.error() != null) {
                details.put("reason", r.reason());
            }
        }
        ObjectNode effective = Values.object();
        t.policy().parameters().forEach((k, v) -> effective.putObject(k).set("value", v));
        List<String> exemptions = t.exemptions().stream().map(PolicyExemption::id).map(ArmId::id).toList();
        return new PolicyStateRecord(now, id.id(), id.type(), normalisedLocation(PolicyEvaluator.location(view)), id.resourceGroup() == null ? ""
                : id.resourceGroup(), id.subscriptionId() == null ? "" : id.subscriptionId(), Values.property(view, "tags"),
                pa.id().id(), pa.name(), pa.scope().id(), Values.toJson(pa.parametersJson()), null,
                t.definitionId(), def.name() == null ? last(t.definitionId()) : def.name(), t.policy().effect().toLowerCase(Locale.ROOT),
                def.category(), t.referenceId(), t.member().groupNames(), def.version(),
                set == null ? null : t.setDefinitionId(), set == null ? null : set.name() == null ? last(t.setDefinitionId()) : set.name(),
                set == null ? null : categoryOf(set.metadata()), set == null ? null : set.version(), String.join(",", managementGroups),
                Values.toJson(effective), s == null ? PolicyStateRecord.NOT_STARTED : s.displayName(), exemptions, details,
                pa.enforcementMode().json());
    }

    private static String categoryOf(JsonNode metadata) {
        JsonNode c = metadata == null ? null : Values.property(metadata, "category");
        return c != null && c.isTextual() ? c.textValue() : null;
    }

    private static String normalisedLocation(String l) {
        return l == null ? "" : l.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    private static String last(String id) {
        return id == null ? null : id.substring(id.lastIndexOf('/') + 1);
    }

    static ArmId idOf(JsonNode r) {
        JsonNode id = Values.property(r, "id");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            return ArmId.parse(id.textValue());
        } catch (InvalidArmIdException e) {
            return null;
        }
    }

    /** The assignment a record belongs to. */
    static boolean belongsTo(PolicyStateRecord r, BoundAssignment a) {
        return r.policyAssignmentId().equalsIgnoreCase(a.assignment().id().id());
    }
}
