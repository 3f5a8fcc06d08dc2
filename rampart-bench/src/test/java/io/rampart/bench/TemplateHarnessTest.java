package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The harness end to end on three quickstarts, one pass and no warmup: it runs, and its JSON has
 * the shape the README and scripts rely on. Only shapes and counts are checked, never times.
 */
class TemplateHarnessTest {

    @Test
    void onePassOverThreeTemplatesWritesSaneJson(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("templates.json");
        TemplateHarness.main(new String[]{"--warmup", "0", "--passes", "1", "--threads", "2", "--out", out.toString(),
                "--match", "^(100-blank-template|quickstarts/microsoft\\.storage/storage-account-create"
                        + "|quickstarts/microsoft\\.keyvault/key-vault-create)/"});

        JsonNode r = Json.read(Files.readString(out), out.toString());
        assertThat(r.at("/corpus/templates").asInt()).isEqualTo(3);
        assertThat(r.at("/corpus/parameterFiles").asInt()).isEqualTo(3);
        assertThat(r.at("/corpus/policiesEvaluated").asInt()).isGreaterThan(100); // the MCSB, not an empty set
        assertThat(r.at("/outcomes/templates").asInt()).isEqualTo(3);
        assertThat(r.at("/outcomes/expanded").asInt()).isEqualTo(3);
        assertThat(r.at("/outcomes/resources").asLong()).isPositive();
        assertThat(r.at("/outcomes/applicableChecks").asLong()).isPositive();
        assertThat(r.at("/outcomes/exceptions").asLong()).isZero();
        assertThat(r.at("/exceptionsDuringPasses").asLong()).isZero();
        for (String phase : new String[]{"readTree", "parse", "expand", "check", "checkParallel"}) {
            assertThat(r.at("/" + phase + "/templatesPerSecond").asDouble()).as(phase).isPositive();
            assertThat(r.at("/" + phase + "/resourcesPerSecond").asDouble()).as(phase).isPositive();
            assertThat(r.at("/" + phase + "/passSeconds").size()).as(phase).isEqualTo(1);
        }
        assertThat(r.at("/checkParallel/threads").asInt()).isEqualTo(2);
        for (String ratio : new String[]{"readTreeVsParse", "expandVsParse", "checkVsExpand", "checkVsParse", "parallelSpeedup"}) {
            assertThat(r.at("/ratios/" + ratio).asDouble()).as(ratio).isPositive();
        }
        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.at("/machine/loadAverage1mAtEnd").isNumber()).isTrue();
        assertThat(r.at("/outcomes/slowest").size()).isEqualTo(3);
    }
}
