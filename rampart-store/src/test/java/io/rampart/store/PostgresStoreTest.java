package io.rampart.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same store suite on a real PostgreSQL. Where no PostgreSQL can be had the suite is skipped
 * with the reason, except in CI (CI=true), where that is a failure: .ci/run installs one.
 */
class PostgresStoreTest extends StoreContract {

    @Override
    Store openEmptyStore() throws Exception {
        StringBuilder whyNot = new StringBuilder();
        Optional<PostgresServer> server = PostgresServer.get(whyNot);
        if (server.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI must run the store suite on PostgreSQL, but " + whyNot);
            }
            Assumptions.abort("PostgreSQL store suite skipped: " + whyNot);
        }
        return Store.open(server.get().freshSchema());
    }

    @Test
    void runsOnPostgres() {
        assertThat(store.info().vendor()).containsIgnoringCase("postgres");
        assertThat(store.info().location()).startsWith("jdbc:postgresql:");
    }
}
