package io.rampart.server.remediation;

import io.rampart.governance.Governance;
import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.NonCompliantSource;
import io.rampart.store.Page;
import io.rampart.store.PolicyStateQuery;
import io.rampart.store.PolicyStateRecord;
import io.rampart.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * ExistingNonCompliant discovery from the stored policy states: the resources whose latest state
 * for the assignment (and member) is NonCompliant, at or under the scope (a management group's
 * subscriptions through the hierarchy in force), as the last evaluation — a write, a scan, a
 * remediation — left them.
 */
public final class StoredNonCompliance implements NonCompliantSource {

    private static final int PAGE = 5_000;

    private final Store store;
    private final Governance governance;

    public StoredNonCompliance(Store store, Governance governance) {
        this.store = store;
        this.governance = governance;
    }

    @Override
    public List<ArmId> nonCompliant(ArmId policyAssignmentId, String policyDefinitionReferenceId, ArmId scope) {
        boolean wide = scope.kind() == ArmId.Kind.TENANT || scope.kind() == ArmId.Kind.MANAGEMENT_GROUP;
        PolicyStateQuery q = PolicyStateQuery.under(wide ? "/" : scope.id(), PAGE).assignment(policyAssignmentId.id()).state("NonCompliant");
        String ref = policyDefinitionReferenceId == null ? "" : policyDefinitionReferenceId;
        var hierarchy = governance.state().hierarchy();
        Set<String> seen = new LinkedHashSet<>();
        List<ArmId> out = new ArrayList<>();
        Page<PolicyStateRecord> page = store.policyStates().query(q);
        while (true) {
            for (PolicyStateRecord r : page.items()) {
                if (!r.policyDefinitionReferenceId().equalsIgnoreCase(ref) || !seen.add(r.resourceId().toLowerCase(java.util.Locale.ROOT))) {
                    continue;
                }
                ArmId id = ArmId.parse(r.resourceId());
                if (!wide || hierarchy.covers(scope, id)) {
                    out.add(id);
                }
            }
            if (page.continuation().isEmpty()) {
                return out;
            }
            page = store.policyStates().query(q.continuingAfter(page.continuation().get()));
        }
    }
}
