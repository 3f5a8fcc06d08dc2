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
        store.close();
        store = Store.open(StoreConfig.h2File(dataDir));
        assertThat(store.resources().get(RG)).isPresent();
        assertThat(Files.exists(dataDir.resolve("rampart.mv.db"))).isTrue();
        assertThat(store.info().vendor()).containsIgnoringCase("h2");
    }
}
