package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.policy.BasicPolicyObjects;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.PolicyStateQuery;
import io.rampart.store.PolicyStateRecord;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;
import io.rampart.store.StoreConfig;
import io.rampart.store.StoredResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The governance wiring without HTTP, over a real (H2) store: what a previous run stored is put
 * back in force at start (hierarchy, custom definitions, assignments, exemptions), and a new
 * assignment records NotStarted for what it covers before its background scan evaluates it.
 */
class GovernanceWiringTest {

    private static final String TENANT = "t-wiring";
    private static final BuiltInLibrary LIBRARY = BuiltInLibrary.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Caller ADMIN = new Caller("admin", "Admin");
    private static final String MG = "/providers/Microsoft.Management/managementGroups/corp";
    private static final String SUB = "/subscriptions/s1";
    private static final String DEFINITION = MG + "/providers/Microsoft.Authorization/policyDefinitions/deny-blocked";
    private static final String ASSIGNMENT = MG + "/providers/Microsoft.Authorization/policyAssignments/deny-blocked";
    private static final String EXEMPTION = SUB + "/resourceGroups/rg-exempt/providers/Microsoft.Authorization/policyExemptions/waive";

    @TempDir
    Path dir;

    private Store store;
    private final ResourceShapes shapes = new ResourceShapes(TENANT);
    private final ArrayDeque<Runnable> queued = new ArrayDeque<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** One process's wiring over the store (a restart makes a new one). */
    private record Wiring(Governance governance, StoreInventory inventory, GovernancePolicyObjects policies, GovernanceCompliance compliance,
                          ComplianceScans scans) {
    }

    private Wiring wiring() {
        Governance g = new Governance(LIBRARY, new StoreDefinitionSource(store, shapes), Hierarchy.flat(TENANT), Clock.systemUTC());
        StoreInventory inventory = new StoreInventory(store, shapes, () -> g.state().hierarchy());
        GovernancePolicyObjects policies = new GovernancePolicyObjects(g, new BasicPolicyObjects(LIBRARY), shapes);
        ComplianceScans scans = new ComplianceScans(g, store, inventory, new RampartMetrics(meters), Clock.systemUTC(), queued::add);
        return new Wiring(g, inventory, policies, new GovernanceCompliance(g, store, inventory, shapes, new HierarchyLoader(store, TENANT), policies, scans),
                scans);
    }

    @BeforeEach
    void open() {
        store = Store.open(StoreConfig.h2File(dir));
        put("/providers/Microsoft.Management/managementGroups/" + TENANT, "Microsoft.Management/managementGroups", "{\"properties\":{}}");
        put(MG, "Microsoft.Management/managementGroups", "{\"properties\":{\"displayName\":\"Corp\"}}");
        put(SUB, "Microsoft.Resources/subscriptions", "{\"displayName\":\"s1\",\"managementGroupId\":\"" + MG + "\"}");
        put(SUB + "/resourceGroups/rg-a", "Microsoft.Resources/resourceGroups", "{\"location\":\"westeurope\"}");
        put(SUB + "/resourceGroups/rg-exempt", "Microsoft.Resources/resourceGroups", "{\"location\":\"westeurope\"}");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private StoredResource put(String id, String type, String body) {
        try {
            return store.resources().put(ResourceWrite.of(id, type, JSON.readTree(body), "admin")).resource();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A policy object stored as the server stores it: checked and shaped by PolicyObjects.validate. */
    private StoredResource putPolicy(Wiring w, String id, String type, String body) throws Exception {
        JsonNode stored = w.policies().validate(io.rampart.server.arm.ArmId.parse(id), JSON.readTree(body), ADMIN, Optional.empty());
        return store.resources().put(ResourceWrite.of(id, type, stored, "admin")).resource();
    }

    private void storePolicy(Wiring w) throws Exception {
        w.compliance().replay(); // the hierarchy, so the assignment at the management group covers the subscription
        putPolicy(w, DEFINITION, "Microsoft.Authorization/policyDefinitions", "{\"properties\":{\"mode\":\"Indexed\",\"policyRule\":{\"if\":{\"allOf\":["
                + "{\"field\":\"type\",\"equals\":\"Microsoft.Storage/storageAccounts\"},{\"field\":\"tags['blocked']\",\"exists\":true}]},"
                + "\"then\":{\"effect\":\"deny\"}}}}");
        StoredResource a = putPolicy(w, ASSIGNMENT, "Microsoft.Authorization/policyAssignments", "{\"properties\":{\"policyDefinitionId\":\"" + DEFINITION + "\"}}");
        w.policies().stored(a);
        putPolicy(w, EXEMPTION, "Microsoft.Authorization/policyExemptions", "{\"properties\":{\"policyAssignmentId\":\"" + ASSIGNMENT
                + "\",\"exemptionCategory\":\"Waiver\"}}");
    }

    private static Decision write(Wiring w, String rg) throws Exception {
        ArmId id = ArmId.parse(SUB + "/resourceGroups/" + rg + "/providers/Microsoft.Storage/storageAccounts/sa");
        return w.governance().enforceWrite(new WriteRequest(id, "2023-01-01", JSON.readTree("{\"location\":\"westeurope\",\"tags\":{\"blocked\":\"1\"}}")),
                w.inventory());
    }

    @Test
    void whatAPreviousRunStoredIsInForceAfterTheReplay() throws Exception {
        storePolicy(wiring());
        Wiring restarted = wiring();
        assertThat(restarted.governance().assignment(ArmId.parse(ASSIGNMENT))).isEmpty();
        assertThat(write(restarted, "rg-a")).isInstanceOf(Decision.Allowed.class);

        assertThat(restarted.compliance().replay()).isEqualTo(1);

        assertThat(restarted.governance().state().hierarchy().managementGroupOf("s1")).isEqualTo(ArmId.parse(MG));
        assertThat(restarted.governance().assignment(ArmId.parse(ASSIGNMENT))).isPresent();
        assertThat(restarted.governance().exemption(ArmId.parse(EXEMPTION))).isPresent();
        assertThat(write(restarted, "rg-a")).isInstanceOf(Decision.Denied.class);
        assertThat(write(restarted, "rg-exempt")).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void aNewAssignmentRecordsNotStarted_thenItsScanEvaluatesWhatItCovers() throws Exception {
        Wiring w = wiring();
        w.compliance().replay();
        put(SUB + "/resourceGroups/rg-a/providers/Microsoft.Storage/storageAccounts/sa", "Microsoft.Storage/storageAccounts",
                "{\"location\":\"westeurope\",\"tags\":{\"blocked\":\"1\"},\"properties\":{}}");
        putPolicy(w, DEFINITION, "Microsoft.Authorization/policyDefinitions", "{\"properties\":{\"mode\":\"Indexed\",\"policyRule\":{\"if\":{\"allOf\":["
                + "{\"field\":\"type\",\"equals\":\"Microsoft.Storage/storageAccounts\"},{\"field\":\"tags['blocked']\",\"exists\":true}]},"
                + "\"then\":{\"effect\":\"deny\"}}}}");
        StoredResource a = putPolicy(w, ASSIGNMENT, "Microsoft.Authorization/policyAssignments", "{\"properties\":{\"policyDefinitionId\":\"" + DEFINITION + "\"}}");
        w.policies().stored(a);
        w.compliance().afterWrite(a);

        List<PolicyStateRecord> before = states();
        assertThat(before).isNotEmpty().allSatisfy(r -> assertThat(r.complianceState()).isEqualTo("NotStarted"));
        assertThat(before).anySatisfy(r -> assertThat(r.resourceId()).endsWith("/storageAccounts/sa"));
        assertThat(queued).hasSize(1);
        assertThat(w.scans().idle()).isFalse();

        queued.poll().run();

        assertThat(w.scans().idle()).isTrue();
        assertThat(states()).singleElement().satisfies(r -> {
            assertThat(r.resourceId()).endsWith("/storageAccounts/sa");
            assertThat(r.complianceState()).isEqualTo("NonCompliant");
        });
        ComplianceScans.Scan scan = w.scans().recent().getFirst();
        assertThat(scan.status()).isEqualTo(ComplianceScans.Status.Succeeded);
        assertThat(scan.done()).isEqualTo(scan.total()).isGreaterThanOrEqualTo(3); // subscription, two groups, the account
        assertThat(meters.get("rampart.scan.resources.done").gauge().value()).isEqualTo(scan.total());
    }

    private List<PolicyStateRecord> states() {
        return store.policyStates().query(PolicyStateQuery.under("/", 1000).assignment(ASSIGNMENT)).items();
    }

    @Test
    void theLiveInventoryExpandsAManagementGroupToItsSubscriptions_andLeavesPolicyObjectsOut() throws Exception {
        Wiring w = wiring();
        storePolicy(w);
        ResourceInventory inventory = w.inventory();
        List<String> ids = inventory.resourcesUnder(ArmId.parse(MG)).stream().map(r -> r.path("id").asText()).toList();
        assertThat(ids).contains(SUB, SUB + "/resourceGroups/rg-a", SUB + "/resourceGroups/rg-exempt").doesNotContain(EXEMPTION);
        assertThat(inventory.resourcesOfType(ArmId.parse(SUB), "Microsoft.Resources/resourceGroups")).hasSize(2);
        assertThat(inventory.get(ArmId.parse(SUB + "/resourceGroups/rg-a")).path("location").asText()).isEqualTo("westeurope");
    }
}
