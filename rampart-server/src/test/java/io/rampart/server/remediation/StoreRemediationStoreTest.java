package io.rampart.server.remediation;

import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.DeploymentState;
import io.rampart.remediation.DiscoveryMode;
import io.rampart.remediation.ProvisioningState;
import io.rampart.remediation.RemediationSpec;
import io.rampart.remediation.RemediationTask;
import io.rampart.remediation.WorkItem;
import io.rampart.store.PostgresServer;
import io.rampart.store.Store;
import io.rampart.store.StoreConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The remediation engine's store contract on the server's database, H2 and PostgreSQL (as the
 * store suite runs: PostgreSQL skipped with the reason where there is none, required in CI):
 * tasks and items come back exactly as the engine wrote them, the plan is all or nothing, an item
 * is replaced whole, a re-PUT drops the old plan, unfinished tasks are found for resumption, a
 * deleted task is not brought back by a worker that was still running, and every call is durable
 * (a reopened H2 store has it all).
 */
class StoreRemediationStoreTest {

    static final ArmId SUB = ArmId.parse("/subscriptions/00000000-0000-0000-0000-0000000000aa");
    static final ArmId ID = ArmId.parse(SUB.id() + "/providers/Microsoft.PolicyInsights/remediations/fix");
    static final ArmId ASSIGNMENT = ArmId.parse(SUB.id() + "/providers/Microsoft.Authorization/policyAssignments/add-tag");
    static final Instant T0 = Instant.parse("2025-06-01T00:00:00Z");

    @TempDir
    Path dir;

    Store open(String database) throws Exception {
        if (database.equals("h2")) {
            return Store.open(StoreConfig.h2File(dir));
        }
        StringBuilder whyNot = new StringBuilder();
        Optional<PostgresServer> pg = PostgresServer.get(whyNot);
        if (pg.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the remediation store on PostgreSQL, but " + whyNot);
            }
            Assumptions.abort("PostgreSQL skipped: " + whyNot);
        }
        return Store.open(pg.get().freshSchema());
    }

    static RemediationTask task(ProvisioningState state) {
        RemediationSpec spec = new RemediationSpec(ID, SUB, ASSIGNMENT, null, DiscoveryMode.ReEvaluateCompliance, List.of("eastus", "West Europe"),
                List.of(), 7, 1000, 0.25);
        return new RemediationTask(spec, state, T0, T0.plusSeconds(5), state == ProvisioningState.Complete ? "1 of 3 deployments failed" : null,
                "8eceaf3e-2fd5-384f-8dd4-6e96491c87b5", 3, 1, 1);
    }

    static WorkItem item(int seq) {
        return WorkItem.queued(ID, seq, ArmId.parse(SUB.id() + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa" + seq), "eastus",
                "key-" + seq, T0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void keepsTasksAndItemsExactlyAsTheEngineWroteThem(String database) throws Exception {
        try (Store s = open(database)) {
            StoreRemediationStore store = new StoreRemediationStore(s);
            store.create(task(ProvisioningState.Accepted));
            assertThat(store.task(ID).orElseThrow().toJson()).isEqualTo(task(ProvisioningState.Accepted).toJson());
            assertThat(store.unfinished()).extracting(RemediationTask::id).containsExactly(ID);

            store.plan(task(ProvisioningState.Evaluating), List.of(item(0), item(1), item(2)));
            WorkItem deploying = item(1).to(DeploymentState.Evaluating, T0.plusSeconds(1)).deploying(ID.id() + "/deployments/d1", T0.plusSeconds(2));
            store.putItem(deploying);
            WorkItem failed = item(2).failed("AuthorizationFailed", "no role 'b24988ac'", T0.plusSeconds(3));
            store.putItem(failed);
            List<WorkItem> items = store.items(ID);
            assertThat(items).hasSize(3);
            assertThat(items.get(0).toRecord()).isEqualTo(item(0).toRecord());
            assertThat(items.get(1).toRecord()).isEqualTo(deploying.toRecord());
            assertThat(items.get(2).toRecord()).isEqualTo(failed.toRecord());

            store.update(task(ProvisioningState.Complete));
            assertThat(store.task(ID).orElseThrow().toJson()).isEqualTo(task(ProvisioningState.Complete).toJson());
            assertThat(store.unfinished()).isEmpty();
            assertThat(store.under(SUB)).hasSize(1);

            store.create(task(ProvisioningState.Accepted)); // a re-PUT of a finished task starts over
            assertThat(store.items(ID)).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2", "postgresql"})
    void aPlanIsAllOrNothingAndADeletedTaskStaysDeleted(String database) throws Exception {
        try (Store s = open(database)) {
            StoreRemediationStore store = new StoreRemediationStore(s);
            store.create(task(ProvisioningState.Accepted));
            assertThatThrownBy(() -> store.plan(task(ProvisioningState.Evaluating), List.of(item(0), item(1), item(1)))).isNotNull();
            assertThat(store.task(ID).orElseThrow().state()).isEqualTo(ProvisioningState.Accepted);
            assertThat(store.items(ID)).isEmpty();

            store.plan(task(ProvisioningState.Evaluating), List.of(item(0)));
            store.delete(ID);
            store.update(task(ProvisioningState.Succeeded));
            store.putItem(item(0).succeeded("Modified", "Compliant", T0));
            assertThat(store.task(ID)).isEmpty();
            assertThat(store.items(ID)).isEmpty();
            assertThat(store.tasks()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2"})
    void everyCallIsDurable(String database) throws Exception {
        try (Store s = open(database)) {
            StoreRemediationStore store = new StoreRemediationStore(s);
            store.plan(task(ProvisioningState.Evaluating), List.of(item(0), item(1)));
            store.putItem(item(1).succeeded("Modified", "Compliant", T0));
        }
        try (Store s = open(database)) {
            StoreRemediationStore store = new StoreRemediationStore(s);
            assertThat(store.unfinished()).extracting(RemediationTask::id).containsExactly(ID);
            assertThat(store.items(ID)).extracting(WorkItem::state).containsExactly(DeploymentState.Queued, DeploymentState.Succeeded);
        }
    }

}
