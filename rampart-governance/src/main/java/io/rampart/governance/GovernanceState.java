package io.rampart.governance;

import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One consistent view of what is in force: the hierarchy, the bound assignments (indexed by the
 * scope they are made at) and the exemptions (indexed by the assignment they exempt from).
 * Immutable: every change builds a new state, so a request evaluates against one snapshot and
 * never sees half an update.
 */
public final class GovernanceState {

    private final Hierarchy hierarchy;
    private final Map<ArmId, BoundAssignment> assignments;
    private final Map<String, List<BoundAssignment>> byScope;
    private final Map<ArmId, PolicyExemption> exemptions;
    private final Map<ArmId, List<PolicyExemption>> byAssignment;

    GovernanceState(Hierarchy hierarchy, Map<ArmId, BoundAssignment> assignments, Map<ArmId, PolicyExemption> exemptions) {
        this.hierarchy = hierarchy;
        this.assignments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assignments));
        this.exemptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exemptions));
        Map<String, List<BoundAssignment>> s = new HashMap<>();
        for (BoundAssignment a : assignments.values()) {
            s.computeIfAbsent(a.assignment().scope().key(), k -> new ArrayList<>()).add(a);
        }
        this.byScope = s;
        Map<ArmId, List<PolicyExemption>> e = new HashMap<>();
        for (PolicyExemption x : exemptions.values()) {
            e.computeIfAbsent(x.policyAssignmentId(), k -> new ArrayList<>()).add(x);
        }
        this.byAssignment = e;
    }

    /** A state holding exactly these assignments and exemptions (used for what-if evaluation). */
    public static GovernanceState of(Hierarchy h, List<BoundAssignment> assignments, List<PolicyExemption> exemptions) {
        Map<ArmId, BoundAssignment> a = new LinkedHashMap<>();
        assignments.forEach(x -> a.put(x.assignment().id(), x));
        Map<ArmId, PolicyExemption> e = new LinkedHashMap<>();
        exemptions.forEach(x -> e.put(x.id(), x));
        return new GovernanceState(h, a, e);
    }

    static GovernanceState empty(Hierarchy h) {
        return new GovernanceState(h, Map.of(), Map.of());
    }

    public Hierarchy hierarchy() {
        return hierarchy;
    }

    public Collection<BoundAssignment> assignments() {
        return assignments.values();
    }

    public BoundAssignment assignment(ArmId id) {
        return assignments.get(id);
    }

    public Collection<PolicyExemption> exemptions() {
        return exemptions.values();
    }

    public PolicyExemption exemption(ArmId id) {
        return exemptions.get(id);
    }

    /** The assignments made at {@code id} or any scope above it (not yet filtered by notScopes or selectors). */
    public List<BoundAssignment> assignmentsAbove(ArmId id) {
        List<BoundAssignment> out = new ArrayList<>();
        for (ArmId s : hierarchy.scopeChain(id)) {
            out.addAll(byScope.getOrDefault(s.key(), List.of()));
        }
        return out;
    }

    public List<PolicyExemption> exemptionsFor(ArmId assignmentId) {
        return byAssignment.getOrDefault(assignmentId, List.of());
    }

    GovernanceState withHierarchy(Hierarchy h) {
        return new GovernanceState(h, assignments, exemptions);
    }

    GovernanceState withAssignment(BoundAssignment a) {
        Map<ArmId, BoundAssignment> m = new LinkedHashMap<>(assignments);
        m.put(a.assignment().id(), a);
        return new GovernanceState(hierarchy, m, exemptions);
    }

    GovernanceState withoutAssignment(ArmId id) {
        Map<ArmId, BoundAssignment> m = new LinkedHashMap<>(assignments);
        m.remove(id);
        return new GovernanceState(hierarchy, m, exemptions);
    }

    GovernanceState withAssignments(Map<ArmId, BoundAssignment> replaced) {
        Map<ArmId, BoundAssignment> m = new LinkedHashMap<>(assignments);
        m.putAll(replaced);
        return new GovernanceState(hierarchy, m, exemptions);
    }

    GovernanceState withExemption(PolicyExemption e) {
        Map<ArmId, PolicyExemption> m = new LinkedHashMap<>(exemptions);
        m.put(e.id(), e);
        return new GovernanceState(hierarchy, assignments, m);
    }

    GovernanceState withoutExemption(ArmId id) {
        Map<ArmId, PolicyExemption> m = new LinkedHashMap<>(exemptions);
        m.remove(id);
        return new GovernanceState(hierarchy, assignments, m);
    }
}
