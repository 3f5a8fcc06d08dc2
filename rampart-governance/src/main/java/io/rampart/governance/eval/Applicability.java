package io.rampart.governance.eval;

import io.rampart.governance.GovernanceState;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.model.ResourceSelector;
import io.rampart.governance.model.Selector;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which assignments and members reach a resource (scope.md, assignment-structure.md,
 * exemption-structure.md): the assignment's scope covers it (by id or through management
 * groups), no notScope covers it, one of its resource selectors (if any) selects it; then, per
 * member, the active exemptions of that assignment whose scope covers the resource, whose
 * reference ids include the member (or are empty) and whose resource selectors select it.
 */
public final class Applicability {

    private Applicability() {
    }

    /** What selectors look at. {@code location} may be null (location-less resources). */
    public record Facts(ArmId id, String type, String location) {
    }

    public static List<Target> targets(GovernanceState state, Facts r, Instant now) {
        List<Target> out = new ArrayList<>();
        Hierarchy h = state.hierarchy();
        for (BoundAssignment a : state.assignmentsAbove(r.id())) {
            if (!inScope(h, a.assignment(), r.id()) || !selected(a.assignment().resourceSelectors(), r)) {
                continue;
            }
            List<PolicyExemption> candidates = new ArrayList<>();
            for (PolicyExemption e : state.exemptionsFor(a.assignment().id())) {
                if (e.activeAt(now) && h.covers(e.scope(), r.id()) && selected(e.resourceSelectors(), r)) {
                    candidates.add(e);
                }
            }
            for (BoundAssignment.Member m : a.members()) {
                List<PolicyExemption> ex = candidates.isEmpty() ? List.of()
                        : candidates.stream().filter(e -> e.coversReference(m.referenceId())).toList();
                out.add(new Target(a, m, m.policyFor(r.location()), ex));
            }
        }
        return out;
    }

    /** The assignment's scope covers the resource and no notScope does. */
    public static boolean inScope(Hierarchy h, PolicyAssignment a, ArmId id) {
        if (!h.covers(a.scope(), id)) {
            return false;
        }
        for (ArmId not : a.notScopes()) {
            if (h.covers(not, id)) {
                return false;
            }
        }
        return true;
    }

    /** No selectors: everything. Otherwise any resource selector whose selectors all accept the resource. */
    public static boolean selected(List<ResourceSelector> selectors, Facts r) {
        if (selectors.isEmpty()) {
            return true;
        }
        for (ResourceSelector rs : selectors) {
            boolean all = true;
            for (Selector s : rs.selectors()) {
                all &= accepts(s, r);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean accepts(Selector s, Facts r) {
        if (s.is(Selector.RESOURCE_LOCATION)) {
            // Rampart decision: a location-less resource is selected by no resourceLocation selector;
            // resourceWithoutLocation is the kind for those.
            return r.location() != null && !r.location().isEmpty() && s.accepts(r.location(), Selector::location);
        }
        if (s.is(Selector.RESOURCE_TYPE)) {
            return s.accepts(r.type(), Selector::lower);
        }
        if (s.is(Selector.RESOURCE_WITHOUT_LOCATION)) {
            // The only value Azure supports: subscriptionLevelResources (location-less resources outside resource groups).
            boolean subscriptionLevel = (r.location() == null || r.location().isEmpty()) && r.id().resourceGroup() == null
                    && r.id().subscriptionId() != null;
            return s.accepts(subscriptionLevel ? "subscriptionLevelResources" : "", Selector::lower);
        }
        return false;
    }
}
