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
        store.remediations().plan(task(TASK, SUB, "Evaluating", false), java.util.List.of(item(TASK, 0, "Queued")));
        store.idempotencyKeys().record("k", RG, json("{}"));
        store.close();
        store = Store.open(StoreConfig.h2File(dataDir));
        assertThat(store.resources().get(RG)).isPresent();
        assertThat(store.remediations().items(TASK)).hasSize(1);
        assertThat(store.idempotencyKeys().find("k")).isPresent();
        assertThat(Files.exists(dataDir.resolve("rampart.mv.db"))).isTrue();
        assertThat(store.info().vendor()).containsIgnoringCase("h2");
    }
}
