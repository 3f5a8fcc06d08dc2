package io.rampart.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The store suite on the default store: an H2 file database in a data folder. */
class H2StoreTest extends StoreContract {

    @TempDir
    Path dataDir;

    @Override
    Store openEmptyStore() {
        return Store.open(StoreConfig.h2File(dataDir));
    }

    @Test
    void keepsDataAcrossReopening() {
        put(RG, "Microsoft.Resources/resourceGroups", "{\"location\":\"westus\"}");
        store.securityAlerts().put(alert("a1", "Active", T0, T0, java.util.Set.of(SUB_A), "{\"n\":1}"));
        store.securityAlerts().setStatus("a1", "Dismissed", T0.plusSeconds(1));
        store.securityAlerts().replaceIncidents(SUB_A, java.util.List.of(new StoredIncident("i1", T0, T0, json("{}"))));
        store.remediations().plan(task(TASK, SUB, "Evaluating", false), java.util.List.of(item(TASK, 0, "Queued")));
        store.idempotencyKeys().record("k", RG, json("{}"));
        store.close();
        store = Store.open(StoreConfig.h2File(dataDir));
        assertThat(store.resources().get(RG)).isPresent();
        assertThat(store.remediations().items(TASK)).hasSize(1);
        assertThat(store.idempotencyKeys().find("k")).isPresent();
        assertThat(store.securityAlerts().get("a1").orElseThrow().status()).isEqualTo("Dismissed");
        assertThat(store.securityAlerts().incidents(SUB_A)).extracting(StoredIncident::id).containsExactly("i1");
        assertThat(Files.exists(dataDir.resolve("rampart.mv.db"))).isTrue();
        assertThat(store.info().vendor()).containsIgnoringCase("h2");
    }
}
