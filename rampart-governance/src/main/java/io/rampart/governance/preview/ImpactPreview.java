package io.rampart.governance.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.GovernanceState;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.compliance.ComplianceEvaluator;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.DeleteRequest;
import io.rampart.governance.enforce.Enforcer;
import io.rampart.governance.enforce.PolicyOutcome;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.eval.Applicability;
import io.rampart.governance.eval.PolicyEvaluator;
import io.rampart.governance.model.EnforcementMode;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.policy.FieldResolver;

import java.time.Clock;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.policy.Effect;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Impact preview (a Rampart extension; Azure has none): a dry run of one proposed assignment over
 * every resource in its scope. For each resource it reports the state a compliance scan would give
 * and whether a write of the resource as it is now would be denied or changed, and a delete
 * blocked, were the assignment enforced. Uses the same code as enforcement and compliance (the
 * assignment is compiled and bound once), against a state that holds only the proposed assignment
 * and the exemptions already made for it.
 */
public final class ImpactPreview {

    /** Azure's rank for rolling up a resource's state across members (compliance-states.md). */
    private static final List<String> RANK = List.of("NonCompliant", "Compliant", "Error", "Conflict", "Protected", "Exempt", "Unknown");

    private final GovernanceState current;
    private final Clock clock;
    private final ResourceInventory inventory;
    private final FieldResolver fields;

    public ImpactPreview(GovernanceState current, Clock clock, ResourceInventory inventory, FieldResolver fields) {
        this.current = current;
        this.clock = clock;
        this.inventory = inventory == null ? ResourceInventory.EMPTY : inventory;
        this.fields = fields;
    }

    public ImpactReport run(BoundAssignment proposed) {
        PolicyAssignment a = proposed.assignment();
        PolicyAssignment enforcedAssignment = withMode(a, EnforcementMode.DEFAULT);
        List<PolicyExemption> exemptions = current.exemptionsFor(a.id());
        GovernanceState only = GovernanceState.of(current.hierarchy(), List.of(new BoundAssignment(enforcedAssignment, proposed.set(),
                proposed.members())), exemptions);
        // Writes and deletes are simulated with only the members whose effects act on them: the rest
        // (Audit, -IfNotExists, Manual) can neither change nor block a request.
        GovernanceState writers = GovernanceState.of(current.hierarchy(), List.of(new BoundAssignment(enforcedAssignment, proposed.set(),
                members(proposed, EnumSet.of(Effect.DENY, Effect.APPEND, Effect.MODIFY)))), exemptions);
        GovernanceState deleters = GovernanceState.of(current.hierarchy(), List.of(new BoundAssignment(enforcedAssignment, proposed.set(),
                members(proposed, EnumSet.of(Effect.DENY_ACTION)))), exemptions);
        boolean anyWriter = !writers.assignments().iterator().next().members().isEmpty();
        boolean anyDeleter = !deleters.assignments().iterator().next().members().isEmpty();
        ComplianceEvaluator compliance = new ComplianceEvaluator(only, clock, inventory, fields, false);
        Enforcer enforcer = new Enforcer(fields, clock, false);
        List<JsonNode> candidates = new ArrayList<>();
        for (JsonNode r : inventory.resourcesUnder(a.scope())) {
            ArmId id = idOf(r);
            if (id != null && Applicability.inScope(only.hierarchy(), a, id)
                    && Applicability.selected(a.resourceSelectors(), new Applicability.Facts(id, id.type(), PolicyEvaluator.location(r)))) {
                candidates.add(r);
            }
        }
        // Resources are independent and everything evaluated is immutable: evaluate them in parallel, keep the inventory's order.
        List<ImpactReport.ResourceImpact> out = candidates.parallelStream()
                .map(r -> impact(r, compliance, enforcer, writers, deleters, anyWriter, anyDeleter))
                .filter(java.util.Objects::nonNull)
                .toList();
        return new ImpactReport(a.id().id(), a.enforcementMode().json(), candidates.size(), out);
    }

    private ImpactReport.ResourceImpact impact(JsonNode r, ComplianceEvaluator compliance, Enforcer enforcer, GovernanceState writers,
                                               GovernanceState deleters, boolean anyWriter, boolean anyDeleter) {
        ArmId id = idOf(r);
        List<PolicyStateRecord> states = compliance.evaluate(id, r);
        if (states.isEmpty()) {
            return null;
        }
        Set<String> members = new LinkedHashSet<>();
        String worst = null;
        for (PolicyStateRecord s : states) {
            if (worst == null || rank(s.complianceState()) < rank(worst)) {
                worst = s.complianceState();
            }
            if (s.complianceState().equals("NonCompliant")) {
                members.add(label(s.policyDefinitionReferenceId(), s.policyDefinitionId()));
            }
        }
        boolean deny = false;
        boolean modify = false;
        if (anyWriter) {
            Decision write = enforcer.write(writers, new WriteRequest(id, null, strip(r)), inventory);
            deny = write instanceof Decision.Denied;
            modify = write instanceof Decision.Allowed al && al.modified();
            for (PolicyOutcome o : write.outcomes()) {
                if (o.acted()) {
                    members.add(label(o.target().referenceId(), o.target().definitionId()));
                }
            }
        }
        boolean protect = anyDeleter && id.kind() != ArmId.Kind.RESOURCE_GROUP
                && enforcer.delete(deleters, new DeleteRequest(id, null, r), inventory) instanceof Decision.Denied;
        return new ImpactReport.ResourceImpact(id.id(), id.type(), worst, deny, modify, protect, new ArrayList<>(members));
    }

    /** The members that can end up with one of the effects (as bound or through an override). */
    private static List<BoundAssignment.Member> members(BoundAssignment a, Set<Effect> effects) {
        List<BoundAssignment.Member> out = new ArrayList<>();
        for (BoundAssignment.Member m : a.members()) {
            boolean acts = effects.contains(m.policy().effectKind())
                    || m.overrides().stream().anyMatch(o -> effects.contains(o.policy().effectKind()));
            if (acts) {
                out.add(m);
            }
        }
        return out;
    }

    private static int rank(String state) {
        int i = RANK.indexOf(state);
        return i < 0 ? RANK.size() : i;
    }

    private static String label(String referenceId, String definitionId) {
        return referenceId != null && !referenceId.isEmpty() ? referenceId : definitionId;
    }

    /** The resource as a client would PUT it back: without the read-only id, name, type. */
    private static JsonNode strip(JsonNode r) {
        var copy = r.deepCopy();
        if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
            for (String k : new String[]{"id", "name", "type"}) {
                String key = Values.propertyKey(o, k);
                if (key != null) {
                    o.remove(key);
                }
            }
        }
        return copy;
    }

    private static ArmId idOf(JsonNode r) {
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

    static PolicyAssignment withMode(PolicyAssignment a, EnforcementMode mode) {
        return new PolicyAssignment(a.id(), a.displayName(), a.description(), a.metadata(), a.policyDefinitionId(), a.definitionVersion(),
                a.notScopes(), a.parameters(), mode, a.nonComplianceMessages(), a.overrides(), a.resourceSelectors(), a.identity(),
                a.location(), a.instanceId(), a.systemData());
    }

}
