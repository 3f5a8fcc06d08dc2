package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** `policy list`: the built-in library. */
class ListCommandTest {

    @Test
    void searchFindsByDisplayName() {
        Cli.Result r = run("policy", "list", "--search", "secure transfer");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("NAME").contains(Cli.SECURE_TRANSFER).contains("Secure transfer to storage accounts should be enabled");
    }

    @Test
    void searchJsonCountsItsItems() {
        JsonNode j = run("policy", "list", "--search", "Storage", "--format", "json").json();
        assertThat(j.get("total").asInt()).isGreaterThan(10).isEqualTo(j.get("items").size());
        for (JsonNode i : j.get("items")) {
            String all = (i.get("name").asText() + " " + i.get("displayName").asText() + " " + i.get("category").asText()).toLowerCase(Locale.ROOT);
            assertThat(all).contains("storage");
            assertThat(i.get("id").asText()).startsWith("/providers/Microsoft.Authorization/");
        }
    }

    @Test
    void kindAndCategoryFilters() {
        JsonNode initiatives = run("policy", "list", "--initiatives", "-f", "json").json();
        assertThat(initiatives.get("total").asInt()).isGreaterThan(100);
        initiatives.get("items").forEach(i -> assertThat(i.get("kind").asText()).isEqualTo("initiative"));
        JsonNode keyVault = run("policy", "list", "--definitions", "--category", "key vault", "-f", "json").json();
        assertThat(keyVault.get("total").asInt()).isPositive();
        keyVault.get("items").forEach(i -> {
            assertThat(i.get("kind").asText()).isEqualTo("definition");
            assertThat(i.get("category").asText()).isEqualTo("Key Vault");
        });
        run("policy", "list", "--initiatives", "--definitions").isUsageError();
    }

    @Test
    void noMatchIsNotAnError() {
        Cli.Result r = run("policy", "list", "--search", "no such policy anywhere");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("nothing in the library matches");
        assertThat(run("policy", "list", "--search", "no such policy anywhere", "-f", "json").json().get("total").asInt()).isZero();
    }
}
