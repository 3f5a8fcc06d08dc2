package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.Governance;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.policy.ComplianceService;
import io.rampart.store.Page;
import io.rampart.store.PolicyStateQuery;
import io.rampart.store.ResourceQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compliance kept current by the governance core:
 * <ul>
 * <li>a resource write evaluates the resource (AuditIfNotExists / DeployIfNotExists included: the
 *     write is visible to their related-resource lookups) and the resources it is a child or
 *     extension of, and replaces their policy states, in the write's transaction;</li>
 * <li>a delete drops the states of what was deleted;</li>
 * <li>a new or changed assignment records NotStarted for what it covers, then scans its scope in
 *     the background; a deleted one takes its states with it; exemption and definition changes
 *     re-scan the assignments they touch;</li>
 * <li>management group and subscription changes rebuild the hierarchy and re-scan what moved.</li>
 * </ul>
 */
public final class GovernanceCompliance implements ComplianceService {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceCompliance.class);

    private final Governance governance;
    private final Store store;
    private final StoreInventory inventory;
    private final ResourceShapes shapes;
    private final HierarchyLoader hierarchy;
    private final GovernancePolicyObjects policies;
    private final ComplianceScans scans;
    private final List<java.util.function.Consumer<StoredResource>> afterResourceWrites = new java.util.concurrent.CopyOnWriteArrayList<>();

    public GovernanceCompliance(Governance governance, Store store, StoreInventory inventory, ResourceShapes shapes, HierarchyLoader hierarchy,
                                GovernancePolicyObjects policies, ComplianceScans scans) {
        this.governance = governance;
        this.store = store;
        this.inventory = inventory;
        this.shapes = shapes;
        this.hierarchy = hierarchy;
        this.policies = policies;
        this.scans = scans;
    }

    // ---- inside the write's transaction ---------------------------------------------------------

    @Override
    public void resourceWritten(StoredResource resource) {
        if (!GovernanceIds.evaluated(resource.type())) {
            return;
        }
        ArmId id = GovernanceIds.parse(resource.id());
        MemoInventory memo = new MemoInventory(inventory);
        evaluate(id, shapes.shape(resource), memo);
        // a child or extension resource is what -IfNotExists policies of its parents look for
        for (ArmId p = id.parent(); p != null && p.isResource(); p = p.parent()) {
            JsonNode parent = memo.get(p);
            if (parent != null && GovernanceIds.evaluated(p.type())) {
                evaluate(p, parent, memo);
            }
        }
    }

    private void evaluate(ArmId id, JsonNode resource, MemoInventory memo) {
        List<PolicyStateRecord> records = governance.evaluateResource(id, resource, memo);
        store.policyStates().replaceForResource(id.id(), PolicyStateRows.toStore(records));
    }

    @Override
    public void resourceDeleted(String resourceId, boolean tree) {
        ArmId id = GovernanceIds.parse(resourceId);
        if (id.type().equalsIgnoreCase("Microsoft.Authorization/policyAssignments")) {
            store.policyStates().deleteForAssignment(id.id());
        }
        if (!tree) {
            store.policyStates().deleteForResource(id.id());
            return;
        }
        Set<String> resources = new LinkedHashSet<>();
        PolicyStateQuery q = PolicyStateQuery.under(id.id(), 10_000);
        Page<io.rampart.store.PolicyStateRecord> page = store.policyStates().query(q);
        while (true) {
            page.items().forEach(r -> resources.add(r.resourceId()));
            if (page.continuation().isEmpty()) {
                break;
            }
            page = store.policyStates().query(q.continuingAfter(page.continuation().get()));
        }
        resources.forEach(r -> store.policyStates().deleteForResource(r));
        for (BoundAssignment a : governance.state().assignments()) {
            if (a.assignment().id().isAtOrUnder(id)) {
                store.policyStates().deleteForAssignment(a.assignment().id().id());
            }
        }
        if (id.parent() != null && id.parent().isResource()) {
            MemoInventory memo = new MemoInventory(inventory);
            JsonNode parent = memo.get(id.parent());
            if (parent != null && GovernanceIds.evaluated(id.parent().type())) {
                evaluate(id.parent(), parent, memo);
            }
        }
    }

    // ---- after the commit -------------------------------------------------------------------------

    /** Work to do after each committed write of a resource policy evaluates (DeployIfNotExists after the write). */
    public void onResourceWritten(java.util.function.Consumer<StoredResource> followUp) {
        afterResourceWrites.add(followUp);
    }

    @Override
    public void afterWrite(StoredResource resource) {
        ArmId id = GovernanceIds.parse(resource.id());
        switch (resource.type().toLowerCase(Locale.ROOT)) {
            case "microsoft.management/managementgroups" -> {
                governance.setHierarchy(hierarchy.load());
                scans.start(id, "management group changed");
            }
            case "microsoft.resources/subscriptions" -> {
                governance.setHierarchy(hierarchy.load());
                scans.start(id, "subscription placed in the hierarchy");
            }
            case "microsoft.authorization/policyassignments" -> {
                List<PolicyStateRecord> notStarted = governance.notStartedStates(id, new MemoInventory(inventory));
                store.policyStates().replaceForAssignment(id.id(), PolicyStateRows.toStore(notStarted));
                governance.assignment(id).ifPresent(a -> scans.start(a.scope(), "assignment " + a.name() + " created or changed"));
            }
            case "microsoft.authorization/policyexemptions" -> governance.exemption(id).ifPresent(this::rescan);
            case "microsoft.authorization/policydefinitions", "microsoft.authorization/policysetdefinitions" -> rescanUsers(id);
            default -> {
                if (GovernanceIds.evaluated(resource.type())) {
                    for (var f : afterResourceWrites) {
                        try {
                            f.accept(resource);
                        } catch (RuntimeException e) {
                            LOG.warn("follow-up of the write of {} failed: {}", resource.id(), e.toString()); // the write stands
                        }
                    }
                }
            }
        }
    }

    @Override
    public void afterDelete(String resourceId, boolean tree) {
        ArmId id = GovernanceIds.parse(resourceId);
        switch (id.type().toLowerCase(Locale.ROOT)) {
            case "microsoft.management/managementgroups" -> governance.setHierarchy(hierarchy.load());
            case "microsoft.authorization/policyexemptions" -> scans.start(id.parent() == null ? ArmId.TENANT : scopeOf(id), "exemption deleted");
            case "microsoft.authorization/policydefinitions", "microsoft.authorization/policysetdefinitions" -> rescanUsers(id);
            default -> {
            }
        }
    }

    private void rescan(PolicyExemption e) {
        scans.start(e.scope(), "exemption " + e.id().name() + " created or changed");
    }

    private void rescanUsers(ArmId definition) {
        String key = definition.key();
        for (BoundAssignment a : governance.state().assignments()) {
            boolean uses = a.assignment().policyDefinitionId().toLowerCase(Locale.ROOT).equals(key)
                    || a.members().stream().anyMatch(m -> m.definitionId().toLowerCase(Locale.ROOT).equals(key));
            if (uses) {
                scans.start(a.assignment().scope(), "definition " + definition.name() + " changed");
            }
        }
    }

    /** The scope an extension resource (an exemption, an assignment) sits on. */
    private static ArmId scopeOf(ArmId extension) {
        String s = extension.id();
        int cut = s.toLowerCase(Locale.ROOT).lastIndexOf("/providers/microsoft.authorization/");
        return cut <= 0 ? ArmId.TENANT : ArmId.parse(s.substring(0, cut));
    }

    // ---- start-up ---------------------------------------------------------------------------------

    /** Puts everything stored in force: the hierarchy, then assignments, then exemptions. Returns how many assignments. */
    public int replay() {
        governance.setHierarchy(hierarchy.load());
        int assignments = 0;
        for (StoredResource a : all("Microsoft.Authorization/policyAssignments")) {
            policies.stored(a);
            assignments++;
        }
        for (StoredResource e : all("Microsoft.Authorization/policyExemptions")) {
            policies.stored(e);
        }
        return assignments;
    }

    @Override
    public void reload() {
        int assignments = replay();
        LOG.info("policy in force: {} assignments, {} exemptions", governance.state().assignments().size(), governance.state().exemptions().size());
        if (assignments > 0) {
            scans.start(ArmId.TENANT, "start-up");
        }
    }

    private List<StoredResource> all(String type) {
        List<StoredResource> out = new ArrayList<>();
        ResourceQuery q = ResourceQuery.ofType(type, ResourceQuery.MAX_LIMIT);
        Page<StoredResource> page = store.resources().list(q);
        while (true) {
            out.addAll(page.items());
            if (page.continuation().isEmpty()) {
                return out;
            }
            page = store.resources().list(q.continuingAfter(page.continuation().get()));
        }
    }
}
