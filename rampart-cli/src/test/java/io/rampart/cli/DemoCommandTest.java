package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** `demo` over the shared REST-example resources (skipped when ../shared is absent). */
class DemoCommandTest {

    private static String shared() {
        String s = System.getProperty("rampart.shared", "../../shared");
        assumeTrue(Files.isRegularFile(Path.of(s, DemoCommand.CORPUS)), "the shared corpora are not available");
        return s;
    }

    @Test
    void jsonSummary() {
        Cli.Result r = run("demo", "--shared", shared(), "--resources", "60", "--format", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("policy").get("name").asText()).isEqualTo(Cli.MCSB);
        assertThat(j.get("resources").asInt()).isEqualTo(60);
        assertThat(j.get("policies").asInt()).isGreaterThan(200);
        assertThat(j.get("evaluations").asInt()).isEqualTo(j.get("resources").asInt() * j.get("policies").asInt());
        assertThat(j.get("compliancePercent").asDouble()).isBetween(0.0, 100.0);
        assertThat(j.get("nonCompliantResults").asInt()).isPositive();
        assertThat(j.get("topFailingPolicies")).isNotEmpty();
        assertThat(j.get("sample").get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(j.get("sample").get("evaluatedExpressions")).isNotEmpty();
    }

    @Test
    void textSummary() {
        Cli.Result r = run("demo", "--shared", shared(), "--resources", "30", "--top", "3");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Microsoft cloud security benchmark").contains("Resources evaluated     30")
                .contains("Compliance").contains("Top failing policies").contains("Evaluated expressions");
    }

    @Test
    void missingCorpusIsBadUsage() {
        run("demo", "--shared", "src/test/resources").isUsageError();
    }
}
