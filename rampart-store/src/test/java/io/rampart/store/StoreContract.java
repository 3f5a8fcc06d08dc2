package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store suite: every store implementation (H2 file, PostgreSQL) must pass it unchanged.
 * Subclasses provide a fresh, empty store per test.
 */
abstract class StoreContract {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000001";
    static final String RG = SUB + "/resourceGroups/rg1";

    Store store;

    abstract Store openEmptyStore() throws Exception;

    @BeforeEach
    void open() throws Exception {
        store = openEmptyStore();
    }

    @AfterEach
    void close() {
        if (store != null) {
            store.close();
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    PutResult put(String id, String type, String body) {
        return store.resources().put(ResourceWrite.of(id, type, json(body), "alice"));
    }

    @Test
    void createsReadsReplacesAndDeletesAResource() {
        String id = RG + "/providers/Microsoft.Storage/storageAccounts/sa1";
        PutResult created = put(id, "Microsoft.Storage/storageAccounts", "{\"location\":\"westeurope\",\"properties\":{\"a\":1}}");
        assertThat(created.created()).isTrue();
        StoredResource r = created.resource();
        assertThat(r.scope()).isEqualTo(RG);
        assertThat(r.name()).isEqualTo("sa1");
        assertThat(r.subscriptionId()).isEqualTo("00000000-0000-0000-0000-000000000001");
        assertThat(r.resourceGroup()).isEqualTo("rg1");

        StoredResource read = store.resources().get(id.toUpperCase()).orElseThrow();
        assertThat(read.id()).isEqualTo(id);
        assertThat(read.type()).isEqualTo("Microsoft.Storage/storageAccounts");
        assertThat(read.body()).isEqualTo(json("{\"location\":\"westeurope\",\"properties\":{\"a\":1}}"));
        assertThat(read.etag()).isEqualTo(r.etag());
        assertThat(read.createdBy()).isEqualTo("alice");

        PutResult replaced = store.resources().put(ResourceWrite.of(id.toLowerCase(), "Microsoft.Storage/storageAccounts",
                json("{\"location\":\"westeurope\"}"), "bob"));
        assertThat(replaced.created()).isFalse();
        assertThat(replaced.resource().etag()).isNotEqualTo(r.etag());
        StoredResource after = store.resources().get(id).orElseThrow();
        assertThat(after.id()).as("the first spelling is kept").isEqualTo(id);
        assertThat(after.createdBy()).isEqualTo("alice");
        assertThat(after.changedBy()).isEqualTo("bob");
        assertThat(after.body().has("properties")).isFalse();

        assertThat(store.resources().delete(id)).isTrue();
        assertThat(store.resources().delete(id)).isFalse();
        assertThat(store.resources().get(id)).isEmpty();
    }

    @Test
    void derivesTheScopeOfEveryKindOfId() {
        assertThat(put(SUB, "Microsoft.Resources/subscriptions", "{}").resource().scope()).isEqualTo("/");
        assertThat(put(RG, "Microsoft.Resources/resourceGroups", "{}").resource().scope()).isEqualTo(SUB);
        String mg = "/providers/Microsoft.Management/managementGroups/mg1";
        assertThat(put(mg, "Microsoft.Management/managementGroups", "{}").resource().scope()).isEqualTo("/");
        String child = RG + "/providers/Microsoft.Sql/servers/s1/databases/db1";
        assertThat(put(child, "Microsoft.Sql/servers/databases", "{}").resource().scope()).isEqualTo(RG + "/providers/Microsoft.Sql/servers/s1");
        String extension = RG + "/providers/Microsoft.Sql/servers/s1/providers/Microsoft.Authorization/roleAssignments/ra1";
        assertThat(put(extension, "Microsoft.Authorization/roleAssignments", "{}").resource().scope()).isEqualTo(RG + "/providers/Microsoft.Sql/servers/s1");
        String policy = mg + "/providers/Microsoft.Authorization/policyDefinitions/p1";
        assertThat(put(policy, "Microsoft.Authorization/policyDefinitions", "{}").resource().scope()).isEqualTo(mg);
    }

    @Test
    void refusesWhatIsNotAnId() {
        assertThatThrownBy(() -> put("subscriptions/x", "t", "{}")).isInstanceOf(StoreException.class).hasMessageContaining("not a resource id");
        assertThatThrownBy(() -> put("/subscriptions/x/resourceGroups", "t", "{}")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> put("/subscriptions//x", "t", "{}")).isInstanceOf(StoreException.class);
    }

    @Test
    void honoursIfMatchAndIfNoneMatch() {
        String id = RG + "/providers/Microsoft.Web/sites/w1";
        String etag = put(id, "Microsoft.Web/sites", "{}").resource().etag();
        ResourceWrite stale = new ResourceWrite(id, "Microsoft.Web/sites", json("{\"v\":2}"), "a", Optional.of("\"other\""), Optional.empty());
        assertThatThrownBy(() -> store.resources().put(stale)).isInstanceOf(ConcurrencyConflict.class);
        ResourceWrite fresh = new ResourceWrite(id, "Microsoft.Web/sites", json("{\"v\":2}"), "a", Optional.of("\"" + etag + "\""), Optional.empty());
        assertThat(store.resources().put(fresh).created()).isFalse();
        ResourceWrite createOnly = new ResourceWrite(id, "Microsoft.Web/sites", json("{}"), "a", Optional.empty(), Optional.of("*"));
        assertThatThrownBy(() -> store.resources().put(createOnly)).isInstanceOf(ConcurrencyConflict.class);
        assertThat(store.resources().get(id).orElseThrow().body()).isEqualTo(json("{\"v\":2}"));
    }

    @Test
    void listsByScopeAndTypeInStablePages() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String id = RG + "/providers/Microsoft.Network/virtualNetworks/vnet" + String.format("%02d", i);
            put(id, "Microsoft.Network/virtualNetworks", "{\"i\":" + i + "}");
            ids.add(id);
        }
        put(RG + "/providers/Microsoft.Storage/storageAccounts/sa", "Microsoft.Storage/storageAccounts", "{}");
        put(RG + "/providers/Microsoft.Network/virtualNetworks/vnet00/subnets/s1", "Microsoft.Network/virtualNetworks/subnets", "{}");
        put(SUB + "/resourceGroups/rg2/providers/Microsoft.Network/virtualNetworks/other", "Microsoft.Network/virtualNetworks", "{}");

        ResourceQuery query = ResourceQuery.inScope(RG, "microsoft.network/VIRTUALNETWORKS", 10);
        List<String> seen = new ArrayList<>();
        Page<StoredResource> page = store.resources().list(query);
        int pages = 1;
        seen.addAll(page.items().stream().map(StoredResource::id).toList());
        while (page.continuation().isPresent()) {
            // a write between pages (after the cursor) must neither be skipped nor break paging
            if (pages == 1) {
                put(RG + "/providers/Microsoft.Network/virtualNetworks/vnet99", "Microsoft.Network/virtualNetworks", "{}");
                ids.add(RG + "/providers/Microsoft.Network/virtualNetworks/vnet99");
            }
            page = store.resources().list(query.continuingAfter(page.continuation().get()));
            seen.addAll(page.items().stream().map(StoredResource::id).toList());
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(ids);
        assertThat(pages).isEqualTo(3);

        assertThat(store.resources().count(ResourceQuery.under(SUB, null, 1))).isEqualTo(29);
        assertThat(store.resources().count(ResourceQuery.under(RG, null, 1))).isEqualTo(28);
        assertThat(store.resources().count(ResourceQuery.ofType("Microsoft.Network/virtualNetworks", 1))).isEqualTo(27);
        assertThatThrownBy(() -> store.resources().list(query.continuingAfter("garbage!"))).isInstanceOf(InvalidContinuationToken.class);
    }

    @Test
    void likeWildcardsInIdsAreLiteral() {
        put(SUB + "/resourceGroups/rg_a/providers/A.B/c/d", "A.B/c", "{}");
        put(SUB + "/resourceGroups/rgxa/providers/A.B/c/d", "A.B/c", "{}");
        assertThat(store.resources().count(ResourceQuery.under(SUB + "/resourceGroups/rg_a", null, 1))).isEqualTo(1);
    }

    @Test
    void deletesATreeAndNothingBeside() {
        put(RG, "Microsoft.Resources/resourceGroups", "{}");
        put(RG + "/providers/A.B/c/d", "A.B/c", "{}");
        put(RG + "/providers/A.B/c/d/e/f", "A.B/c/e", "{}");
        put(SUB + "/resourceGroups/rg10", "Microsoft.Resources/resourceGroups", "{}");
        assertThat(store.resources().deleteTree(RG)).isEqualTo(3);
        assertThat(store.resources().get(SUB + "/resourceGroups/rg10")).isPresent();
    }

    @Test
    void transactionsAreAllOrNothing() {
        String a = RG + "/providers/A.B/c/one";
        String b = RG + "/providers/A.B/c/two";
        assertThatThrownBy(() -> store.inTransaction(() -> {
            put(a, "A.B/c", "{}");
            put(b, "A.B/c", "{}");
            throw new IllegalStateException("policy said no to the third resource");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(store.resources().get(a)).isEmpty();
        assertThat(store.resources().get(b)).isEmpty();

        store.inTransaction(() -> {
            put(a, "A.B/c", "{}");
            put(b, "A.B/c", "{}");
        });
        assertThat(store.resources().get(a)).isPresent();
        assertThat(store.resources().get(b)).isPresent();
    }

    @Test
    void afterCommitRunsOnlyOnceTheTransactionCommits() {
        java.util.List<String> told = new java.util.ArrayList<>();
        assertThatThrownBy(() -> store.inTransaction(() -> {
            put(RG + "/providers/A.B/c/rolled", "A.B/c", "{}");
            store.afterCommit(() -> told.add("rolled back"));
            throw new IllegalStateException("no");
        })).isInstanceOf(IllegalStateException.class);
        store.inTransaction(() -> {
            put(RG + "/providers/A.B/c/kept", "A.B/c", "{}");
            store.afterCommit(() -> told.add("inside: " + store.resources().get(RG + "/providers/A.B/c/kept").isPresent()));
            store.afterCommit(() -> {
                throw new IllegalStateException("a listener's failure is not the write's");
            });
            assertThat(told).isEmpty();
        });
        store.afterCommit(() -> told.add("outside"));
        assertThat(told).containsExactly("inside: true", "outside");
    }

    ActivityEvent event(String resourceId, Instant at, String status, String correlation) {
        return new ActivityEvent(0, UUID.randomUUID().toString(), correlation, at, "alice@contoso.com",
                "Microsoft.Storage/storageAccounts/write", status, status.equals("Succeeded") ? 201 : 403, resourceId,
                "00000000-0000-0000-0000-000000000001", "rg1", status.equals("Succeeded") ? "Informational" : "Error",
                status.equals("Succeeded") ? null : json("[{\"policyDefinitionEffect\":\"Deny\"}]"), json("{\"statusCode\":\"Created\"}"));
    }

    @Test
    void appendsAndQueriesTheActivityLog() {
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        for (int i = 0; i < 12; i++) {
            store.activityLog().append(event(RG + "/providers/Microsoft.Storage/storageAccounts/sa" + i, t0.plus(i, ChronoUnit.HOURS),
                    i % 3 == 0 ? "Failed" : "Succeeded", "corr-" + (i % 2)));
        }
        ActivityQuery all = ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 5).subscription("00000000-0000-0000-0000-000000000001");
        List<ActivityEvent> seen = new ArrayList<>();
        Page<ActivityEvent> page = store.activityLog().query(all);
        seen.addAll(page.items());
        while (page.continuation().isPresent()) {
            page = store.activityLog().query(all.continuingAfter(page.continuation().get()));
            seen.addAll(page.items());
        }
        assertThat(seen).hasSize(12);
        assertThat(seen.getFirst().timestamp()).as("newest first").isEqualTo(t0.plus(11, ChronoUnit.HOURS));
        Set<Long> sequences = new HashSet<>();
        seen.forEach(e -> sequences.add(e.sequence()));
        assertThat(sequences).hasSize(12);

        assertThat(store.activityLog().query(ActivityQuery.between(t0.plus(2, ChronoUnit.HOURS), t0.plus(4, ChronoUnit.HOURS), 100)).items())
                .hasSize(3);
        List<ActivityEvent> failed = store.activityLog().query(ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 100).status("failed")).items();
        assertThat(failed).hasSize(4).allSatisfy(e -> assertThat(e.policyOutcome().get(0).get("policyDefinitionEffect").asText()).isEqualTo("Deny"));
        assertThat(store.activityLog().query(ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 100).correlationId("corr-1")).items()).hasSize(6);
        assertThat(store.activityLog().query(ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 100)
                .resourceUri(RG + "/providers/Microsoft.Storage/storageAccounts/SA3")).items()).hasSize(1);
        assertThat(store.activityLog().query(ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 100).resourceGroup("RG1")).items()).hasSize(12);
        assertThat(store.activityLog().query(ActivityQuery.between(t0, t0.plus(1, ChronoUnit.DAYS), 100).resourceGroup("rg2")).items()).isEmpty();
    }

    PolicyStateRecord state(String resource, String assignment, String reference, String compliance) {
        return new PolicyStateRecord(resource, "Microsoft.Storage/storageAccounts", "00000000-0000-0000-0000-000000000001",
                assignment, "/providers/Microsoft.Authorization/policyDefinitions/d-" + reference, reference,
                reference.isEmpty() ? null : "/providers/Microsoft.Authorization/policySetDefinitions/set", compliance,
                Instant.parse("2025-01-01T00:00:00Z"), json("{\"effect\":\"audit\"}"));
    }

    @Test
    void replacesPolicyStatesPerEvaluation() {
        String a1 = SUB + "/providers/Microsoft.Authorization/policyAssignments/a1";
        String a2 = SUB + "/providers/Microsoft.Authorization/policyAssignments/a2";
        String r1 = RG + "/providers/Microsoft.Storage/storageAccounts/sa1";
        String r2 = SUB + "/resourceGroups/rg2/providers/Microsoft.Storage/storageAccounts/sa2";
        store.policyStates().replaceForResource(r1, List.of(state(r1, a1, "m1", "NonCompliant"), state(r1, a1, "m2", "Compliant"),
                state(r1, a2, "", "Compliant")));
        store.policyStates().replaceForResource(r2, List.of(state(r2, a1, "m1", "Compliant")));
        assertThat(store.policyStates().query(PolicyStateQuery.under("/", 100)).items()).hasSize(4);
        assertThat(store.policyStates().query(PolicyStateQuery.under(RG, 100)).items()).hasSize(3);
        assertThat(store.policyStates().query(PolicyStateQuery.under(SUB, 100).state("noncompliant")).items()).hasSize(1);

        // re-evaluating r1 replaces all of its records
        store.policyStates().replaceForResource(r1, List.of(state(r1, a1, "m1", "Compliant")));
        assertThat(store.policyStates().query(PolicyStateQuery.under(RG, 100)).items()).singleElement()
                .satisfies(s -> assertThat(s.complianceState()).isEqualTo("Compliant"));
        // re-evaluating assignment a1 replaces its records everywhere, and only its
        store.policyStates().replaceForResource(r1, List.of(state(r1, a1, "m1", "Compliant"), state(r1, a2, "", "NonCompliant")));
        store.policyStates().replaceForAssignment(a1, List.of(state(r2, a1, "m1", "NonCompliant")));
        assertThat(store.policyStates().query(PolicyStateQuery.under("/", 100).assignment(a1)).items()).singleElement()
                .satisfies(s -> assertThat(s.resourceId()).isEqualTo(r2));
        assertThat(store.policyStates().query(PolicyStateQuery.under("/", 100).assignment(a2)).items()).hasSize(1);
        assertThatThrownBy(() -> store.policyStates().replaceForAssignment(a1, List.of(state(r2, a2, "", "Compliant"))))
                .isInstanceOf(StoreException.class);

        for (int i = 0; i < 7; i++) {
            store.policyStates().replace(r1, a1, List.of(state(r1, a1, "m" + i, "Compliant")));
        }
        store.policyStates().replaceForResource(r1, List.of(state(r1, a1, "m1", "Compliant"), state(r1, a1, "m2", "Compliant"),
                state(r1, a1, "m3", "Compliant"), state(r1, a2, "", "Compliant"), state(r1, a2, "x", "Compliant")));
        List<PolicyStateRecord> paged = new ArrayList<>();
        PolicyStateQuery q = PolicyStateQuery.under("/", 2);
        Page<PolicyStateRecord> page = store.policyStates().query(q);
        paged.addAll(page.items());
        while (page.continuation().isPresent()) {
            page = store.policyStates().query(q.continuingAfter(page.continuation().get()));
            paged.addAll(page.items());
        }
        assertThat(paged).hasSize(6);
        assertThat(store.policyStates().deleteForResource(r1)).isEqualTo(5);
        assertThat(store.policyStates().deleteForAssignment(a1)).isEqualTo(1);
    }

    @Test
    void concurrentReplacementsOfOneResourcesStatesNeverFail() throws Exception {
        // a write, a scan and a remediation can evaluate the same resource at once; each replaces its states
        String resource = RG + "/providers/Microsoft.Storage/storageAccounts/contended";
        put(resource, "Microsoft.Storage/storageAccounts", "{}");
        int threads = 6;
        int rounds = 40;
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> workers = new ArrayList<>();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        for (int t = 0; t < threads; t++) {
            int writer = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                    for (int i = 0; i < rounds; i++) {
                        List<PolicyStateRecord> mine = new ArrayList<>();
                        for (int a = 0; a < 3; a++) {
                            mine.add(new PolicyStateRecord(resource, "Microsoft.Storage/storageAccounts", "00000000-0000-0000-0000-000000000001",
                                    SUB + "/providers/Microsoft.Authorization/policyAssignments/a" + a, "/providers/Microsoft.Authorization/policyDefinitions/d",
                                    "", null, writer % 2 == 0 ? "Compliant" : "NonCompliant", Instant.now(), json("{\"writer\":" + writer + "}")));
                        }
                        if (i % 2 == 0) {
                            // as the write path does: the resource and its states in one transaction
                            store.inTransaction(() -> {
                                put(resource, "Microsoft.Storage/storageAccounts", "{\"v\":" + writer + "}");
                                store.policyStates().replaceForResource(resource, mine);
                            });
                        } else {
                            store.policyStates().replaceForResource(resource, mine);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(failures).isEmpty();
        List<PolicyStateRecord> states = store.policyStates().query(PolicyStateQuery.under(resource, 100)).items();
        assertThat(states).hasSize(3);
        assertThat(states.stream().map(r -> r.details().get("writer").asInt()).distinct()).as("one evaluation's states, whole").hasSize(1);
    }

    @Test
    void issuesAndChecksTokens() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        store.principals().create("p1", "Alice", "User");
        String token = store.principals().issueToken("p1", "cli", Optional.empty());
        assertThat(store.principals().authenticate(token, now)).hasValueSatisfying(p -> assertThat(p.displayName()).isEqualTo("Alice"));
        assertThat(store.principals().authenticate(token + "x", now)).isEmpty();
        assertThat(store.principals().authenticate("", now)).isEmpty();

        String expiring = store.principals().issueToken("p1", "short", Optional.of(now.plusSeconds(60)));
        assertThat(store.principals().authenticate(expiring, now)).isPresent();
        assertThat(store.principals().authenticate(expiring, now.plusSeconds(61))).isEmpty();

        store.principals().registerToken("p1", "a-chosen-admin-token", "serve --admin-token");
        store.principals().registerToken("p1", "a-chosen-admin-token", "serve --admin-token");
        assertThat(store.principals().authenticate("a-chosen-admin-token", now)).isPresent();
        store.principals().create("p2", "Bob", "User");
        assertThatThrownBy(() -> store.principals().registerToken("p2", "a-chosen-admin-token", "x")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.principals().issueToken("nobody", "x", Optional.empty())).isInstanceOf(StoreException.class);

        assertThat(store.principals().revokeToken(token)).isTrue();
        assertThat(store.principals().authenticate(token, now)).isEmpty();
    }

    @Test
    void concurrentWritersAllLand() throws Exception {
        int threads = 4;
        int perThread = 25;
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int n = t;
            Thread w = new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) {
                        put(RG + "/providers/A.B/c/t" + n + "-" + i, "A.B/c", "{}");
                        put(RG + "/providers/A.B/c/shared", "A.B/c", "{\"by\":" + n + "}");
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            workers.add(w);
            w.start();
        }
        for (Thread w : workers) {
            w.join();
        }
        assertThat(failures).isEmpty();
        assertThat(store.resources().count(ResourceQuery.inScope(RG, "A.B/c", 1))).isEqualTo(threads * perThread + 1);
    }

    @Test
    void reportsWhatItIs() throws Exception {
        assertThat(store.info().schemaVersion()).isEqualTo(Integer.toString(latestMigration()));
        assertThat(store.info().location()).doesNotContain("secret");
    }

    /** The highest V{n}__ migration shipped (both databases have the same versions). */
    static int latestMigration() throws Exception {
        java.net.URL folder = StoreContract.class.getResource("/db/migration/h2");
        int max = 0;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of(folder.toURI()))) {
            for (java.nio.file.Path f : files.toList()) {
                var m = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql").matcher(f.getFileName().toString());
                if (m.matches()) {
                    max = Math.max(max, Integer.parseInt(m.group(1)));
                }
            }
        }
        return max;
    }

    // ---- remediation tasks ----------------------------------------------------------------------

    static final String TASK = SUB + "/providers/Microsoft.PolicyInsights/remediations/fix-tags";

    static RemediationRecord task(String id, String scope, String state, boolean finished) {
        return new RemediationRecord(id, scope, state, finished, json("{\"state\":\"" + state + "\"}"));
    }

    static WorkItemRecord item(String taskId, int seq, String state) {
        return new WorkItemRecord(taskId, seq, RG + "/providers/A.B/c/r" + seq, state, json("{\"seq\":" + seq + ",\"state\":\"" + state + "\"}"));
    }

    @Test
    void storesARemediationTaskAndItsPlan() {
        store.remediations().create(task(TASK, SUB, "Accepted", false));
        assertThat(store.remediations().get(TASK.toUpperCase()).orElseThrow().body().get("state").asText()).isEqualTo("Accepted");
        assertThat(store.remediations().items(TASK)).isEmpty();

        store.remediations().plan(task(TASK, SUB, "Evaluating", false), List.of(item(TASK, 1, "Queued"), item(TASK, 0, "Queued"),
                item(TASK, 2, "Queued")));
        assertThat(store.remediations().get(TASK).orElseThrow().state()).isEqualTo("Evaluating");
        assertThat(store.remediations().items(TASK.toLowerCase())).extracting(WorkItemRecord::seq).containsExactly(0, 1, 2);

        assertThat(store.remediations().putItem(item(TASK, 1, "Succeeded"))).isTrue();
        List<WorkItemRecord> items = store.remediations().items(TASK);
        assertThat(items).extracting(WorkItemRecord::state).containsExactly("Queued", "Succeeded", "Queued");
        assertThat(items.get(1).body().get("state").asText()).isEqualTo("Succeeded");
        assertThat(items.get(1).resourceId()).isEqualTo(RG + "/providers/A.B/c/r1");

        assertThat(store.remediations().update(task(TASK, SUB, "Succeeded", true))).isTrue();
        assertThat(store.remediations().get(TASK).orElseThrow().finished()).isTrue();
        assertThat(store.remediations().unfinished()).isEmpty();

        // a re-PUT starts over: the old plan goes with it
        store.remediations().create(task(TASK, SUB, "Accepted", false));
        assertThat(store.remediations().items(TASK)).isEmpty();
        assertThat(store.remediations().unfinished()).extracting(RemediationRecord::id).containsExactly(TASK);
    }

    @Test
    void aPlanIsAllOrNothing() {
        store.remediations().create(task(TASK, SUB, "Accepted", false));
        List<WorkItemRecord> duplicateSeq = List.of(item(TASK, 0, "Queued"), item(TASK, 1, "Queued"), item(TASK, 1, "Queued"));
        assertThatThrownBy(() -> store.remediations().plan(task(TASK, SUB, "Evaluating", false), duplicateSeq)).isInstanceOf(StoreException.class);
        assertThat(store.remediations().get(TASK).orElseThrow().state()).isEqualTo("Accepted");
        assertThat(store.remediations().items(TASK)).isEmpty();
        assertThatThrownBy(() -> store.remediations().plan(task(TASK, SUB, "Evaluating", false), List.of(item(SUB + "/other", 0, "Queued"))))
                .isInstanceOf(StoreException.class);
        // and it joins a surrounding transaction that fails
        assertThatThrownBy(() -> store.inTransaction(() -> {
            store.remediations().plan(task(TASK, SUB, "Evaluating", false), List.of(item(TASK, 0, "Queued")));
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(store.remediations().items(TASK)).isEmpty();
    }

    @Test
    void aDeletedTaskStaysDeleted() {
        store.remediations().plan(task(TASK, SUB, "Evaluating", false), List.of(item(TASK, 0, "Queued")));
        assertThat(store.remediations().delete(TASK.toUpperCase())).isTrue();
        assertThat(store.remediations().delete(TASK)).isFalse();
        assertThat(store.remediations().get(TASK)).isEmpty();
        // a worker that was still running must not bring it back
        assertThat(store.remediations().update(task(TASK, SUB, "Succeeded", true))).isFalse();
        assertThat(store.remediations().putItem(item(TASK, 0, "Succeeded"))).isFalse();
        assertThat(store.remediations().get(TASK)).isEmpty();
        assertThat(store.remediations().items(TASK)).isEmpty();
    }

    @Test
    void listsRemediationsAtAndBelowAScope() {
        String sub10 = SUB.substring(0, SUB.length() - 1) + "10";
        store.remediations().create(task(TASK, SUB, "Accepted", false));
        store.remediations().create(task(RG + "/providers/Microsoft.PolicyInsights/remediations/in-rg", RG, "Succeeded", true));
        store.remediations().create(task(sub10 + "/providers/Microsoft.PolicyInsights/remediations/elsewhere", sub10, "Accepted", false));
        String mg = "/providers/Microsoft.Management/managementGroups/mg1";
        store.remediations().create(task(mg + "/providers/Microsoft.PolicyInsights/remediations/at-mg", mg, "Accepted", false));

        assertThat(store.remediations().under(SUB)).extracting(RemediationRecord::id)
                .containsExactly(TASK, RG + "/providers/Microsoft.PolicyInsights/remediations/in-rg");
        assertThat(store.remediations().under(RG.toUpperCase())).hasSize(1);
        assertThat(store.remediations().under(mg.toUpperCase())).extracting(RemediationRecord::scope).containsExactly(mg);
        assertThat(store.remediations().under("/")).hasSize(4);
        assertThat(store.remediations().unfinished()).hasSize(3);
    }

    // ---- idempotency keys -----------------------------------------------------------------------

    @Test
    void anIdempotencyKeyCommitsWithItsWrite() {
        String id = RG + "/providers/Microsoft.Storage/storageAccounts/sa1";
        assertThatThrownBy(() -> store.inTransaction(() -> {
            put(id, "Microsoft.Storage/storageAccounts", "{}");
            store.idempotencyKeys().record("k1", id, json("{\"result\":\"Written\"}"));
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");
        assertThat(store.idempotencyKeys().find("k1")).isEmpty();
        assertThat(store.resources().get(id)).isEmpty();

        store.inTransaction(() -> {
            put(id, "Microsoft.Storage/storageAccounts", "{}");
            store.idempotencyKeys().record("k1", id, json("{\"result\":\"Written\"}"));
        });
        IdempotentWrite w = store.idempotencyKeys().find("k1").orElseThrow();
        assertThat(w.resourceId()).isEqualTo(id);
        assertThat(w.result().get("result").asText()).isEqualTo("Written");
        assertThat(store.idempotencyKeys().find("K1")).as("keys are exact").isEmpty();
        assertThatThrownBy(() -> store.idempotencyKeys().record("k1", id, json("{}"))).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.idempotencyKeys().record(" ", id, json("{}"))).isInstanceOf(StoreException.class);
    }

    // --- security alerts and incidents (V3) ---

    static final String SUB_A = "aaaaaaaa-0000-4000-8000-000000000001";
    static final String SUB_B = "bbbbbbbb-0000-4000-8000-000000000002";
    static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static AlertWrite alert(String id, String status, Instant start, Instant end, Set<String> subscriptions, String body) {
        return new AlertWrite(id, "SIGMA_rule", status, start, end, subscriptions, json(body));
    }

    @Test
    void storesAlertsAndListsThemPerSubscriptionInTheOrderFirstStored() {
        SecurityAlerts alerts = store.securityAlerts();
        StoredAlert first = alerts.put(alert("a1", "Active", T0, T0.plusSeconds(60), Set.of(SUB_A), "{\"n\":1}"));
        alerts.put(alert("a2", "Active", T0.plusSeconds(10), T0.plusSeconds(10), Set.of(SUB_B.toUpperCase()), "{\"n\":2}"));
        alerts.put(alert("a3", "InProgress", T0.plusSeconds(20), T0.plusSeconds(30), Set.of(SUB_A, "/subscriptions/" + SUB_B), "{\"n\":3}"));

        assertThat(first.id()).isEqualTo("a1");
        assertThat(first.status()).isEqualTo("Active");
        assertThat(first.statusChangedAt()).isNull();
        assertThat(first.subscriptions()).containsExactly(SUB_A);
        assertThat(alerts.inSubscription(SUB_A.toUpperCase())).extracting(StoredAlert::id).containsExactly("a1", "a3");
        assertThat(alerts.inSubscription(SUB_B)).extracting(StoredAlert::id).containsExactly("a2", "a3");
        assertThat(alerts.inSubscription("cccccccc-0000-4000-8000-000000000003")).isEmpty();
        StoredAlert third = alerts.get("a3").orElseThrow();
        assertThat(third.subscriptions()).containsExactlyInAnyOrder(SUB_A, SUB_B);
        assertThat(third.status()).isEqualTo("InProgress");
        assertThat(third.body()).isEqualTo(json("{\"n\":3}"));
        assertThat(third.startTime()).isEqualTo(T0.plusSeconds(20));
        assertThat(third.endTime()).isEqualTo(T0.plusSeconds(30));
        assertThat(third.sequence()).isGreaterThan(first.sequence());
        assertThat(alerts.get("missing")).isEmpty();
        assertThat(alerts.count()).isEqualTo(3);
    }

    @Test
    void aNewVersionOfAnAlertReplacesItsBodyTimesAndScopesButNeverItsStatus() {
        SecurityAlerts alerts = store.securityAlerts();
        long seq = alerts.put(alert("a1", "Active", T0, T0, Set.of(SUB_A), "{\"count\":1}")).sequence();
        alerts.put(alert("a2", "Active", T0, T0, Set.of(SUB_A), "{}"));
        StoredAlert dismissed = alerts.setStatus("a1", "Dismissed", T0.plusSeconds(5)).orElseThrow();
        assertThat(dismissed.status()).isEqualTo("Dismissed");
        assertThat(dismissed.statusChangedAt()).isEqualTo(T0.plusSeconds(5));

        // a repeat folds into the alert: detection writes it again with the status it knows
        StoredAlert folded = alerts.put(alert("a1", "Active", T0, T0.plusSeconds(600), Set.of(SUB_B), "{\"count\":2}"));
        assertThat(folded.status()).as("the status a user set stays").isEqualTo("Dismissed");
        assertThat(folded.statusChangedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(folded.sequence()).as("still first").isEqualTo(seq);
        assertThat(folded.endTime()).isEqualTo(T0.plusSeconds(600));
        assertThat(folded.body()).isEqualTo(json("{\"count\":2}"));
        assertThat(folded.subscriptions()).containsExactly(SUB_B);
        assertThat(alerts.inSubscription(SUB_A)).extracting(StoredAlert::id).containsExactly("a2");
        assertThat(alerts.inSubscription(SUB_B)).extracting(StoredAlert::id).containsExactly("a1");
        assertThat(alerts.count()).isEqualTo(2);
    }

    @Test
    void setsStatusesOfAlertsThatExist() {
        SecurityAlerts alerts = store.securityAlerts();
        assertThat(alerts.setStatus("missing", "Dismissed", T0)).isEmpty();
        alerts.put(alert("a1", "Active", T0, T0, Set.of(SUB_A), "{}"));
        assertThat(alerts.setStatus("a1", "Resolved", T0.plusSeconds(1)).orElseThrow().status()).isEqualTo("Resolved");
        StoredAlert again = alerts.setStatus("a1", "Resolved", T0.plusSeconds(9)).orElseThrow();
        assertThat(again.statusChangedAt()).as("setting the status it has changes nothing").isEqualTo(T0.plusSeconds(1));
        assertThat(alerts.setStatus("a1", "Active", T0.plusSeconds(10)).orElseThrow().statusChangedAt()).isEqualTo(T0.plusSeconds(10));
    }

    @Test
    void findsTheAlertsEndingSinceATime() {
        SecurityAlerts alerts = store.securityAlerts();
        alerts.put(alert("old", "Active", T0, T0.plusSeconds(59), Set.of(SUB_A), "{}"));
        alerts.put(alert("edge", "Active", T0, T0.plusSeconds(60), Set.of(), "{}"));
        alerts.put(alert("new", "Active", T0.plusSeconds(100), T0.plusSeconds(120), Set.of(SUB_A), "{}"));
        assertThat(alerts.endingSince(T0.plusSeconds(60))).extracting(StoredAlert::id).containsExactly("edge", "new");
        assertThat(alerts.get("edge").orElseThrow().subscriptions()).isEmpty();
    }

    @Test
    void replacesTheIncidentsOfOneSubscriptionAsAWhole() {
        SecurityAlerts alerts = store.securityAlerts();
        StoredIncident i1 = new StoredIncident("i1", T0, T0.plusSeconds(60), json("{\"alerts\":[\"a1\",\"a2\"]}"));
        StoredIncident i2 = new StoredIncident("i2", T0.plusSeconds(5), T0.plusSeconds(6), json("{\"alerts\":[\"a3\"]}"));
        alerts.replaceIncidents(SUB_A, List.of(i2, i1));
        alerts.replaceIncidents(SUB_B, List.of(i1));
        assertThat(alerts.incidents(SUB_A.toUpperCase())).containsExactly(i2, i1);
        alerts.replaceIncidents(SUB_A, List.of(i1));
        assertThat(alerts.incidents(SUB_A)).containsExactly(i1);
        assertThat(alerts.incidents(SUB_B)).as("another subscription's incidents are untouched").containsExactly(i1);
        alerts.replaceIncidents(SUB_A, List.of());
        assertThat(alerts.incidents(SUB_A)).isEmpty();
    }

    @Test
    void anAlertAndItsIncidentsCommitTogetherOrNotAtAll() {
        SecurityAlerts alerts = store.securityAlerts();
        assertThatThrownBy(() -> store.inTransaction(() -> {
            alerts.put(alert("a1", "Active", T0, T0, Set.of(SUB_A), "{}"));
            alerts.replaceIncidents(SUB_A, List.of(new StoredIncident("i1", T0, T0, json("{}"))));
            throw new IllegalStateException("crash before commit");
        })).hasMessage("crash before commit");
        assertThat(alerts.get("a1")).isEmpty();
        assertThat(alerts.incidents(SUB_A)).isEmpty();
        assertThat(alerts.count()).isZero();
    }

    @Test
    void refusesAnAlertWithoutAUsableId() {
        assertThatThrownBy(() -> alert(" ", "Active", T0, T0, Set.of(), "{}")).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> alert("x".repeat(129), "Active", T0, T0, Set.of(), "{}")).isInstanceOf(StoreException.class);
    }
}
