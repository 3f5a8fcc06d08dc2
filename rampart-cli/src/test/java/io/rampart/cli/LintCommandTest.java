package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.rampart.cli.Cli.fixture;
import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** `policy lint` over a folder of good and bad definitions. */
class LintCommandTest {

    @Test
    void folderJsonSummaryAndGolden() {
        Cli.Result r = run("policy", "lint", fixture("lint"), "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("lint-folder.json", r.out());
        JsonNode j = r.json();
        assertThat(j.get("total").asInt()).isEqualTo(9);
        assertThat(j.get("compiled").asInt()).isEqualTo(3);
        assertThat(j.get("failed").asInt()).isEqualTo(5);
        assertThat(j.get("skipped").asInt()).isEqualTo(1);
        assertThat(j.get("warnings").asInt()).isEqualTo(2);
        Map<String, JsonNode> byFile = new HashMap<>();
        j.get("files").forEach(f -> byFile.put(f.get("file").asText().substring(fixture("lint/").length()), f));
        assertThat(byFile).doesNotContainKey(".hidden/ignored.json").doesNotContainKey("readme.txt");
        assertThat(byFile.get("good-arm.json").get("status").asText()).isEqualTo("compiled");
        assertThat(byFile.get("good-bare.json").get("kind").asText()).isEqualTo("definition");
        assertThat(byFile.get("nested/warning.json").get("status").asText()).isEqualTo("compiled");
        assertThat(byFile.get("not-a-policy.json").get("status").asText()).isEqualTo("skipped");
        JsonNode malformed = byFile.get("nested/malformed.json");
        assertThat(malformed.get("status").asText()).isEqualTo("failed");
        assertThat(malformed.get("diagnostics").get(0).get("code").asText()).isEqualTo("invalid-json");
        assertThat(malformed.get("diagnostics").get(0).get("line").asInt()).isEqualTo(1);
        JsonNode wrongTypes = byFile.get("nested/wrong-types.json").get("diagnostics");
        assertThat(wrongTypes.toString()).contains("$.mode").contains("$.parameters.p.type").contains("$.policyRule.if.containsKey");
    }

    @Test
    void initiativeMembersResolveAgainstDefinitionsOfTheSameRun() {
        JsonNode j = run("policy", "lint", fixture("lint"), "-f", "json").json();
        JsonNode initiative = null;
        for (JsonNode f : j.get("files")) {
            if (f.get("file").asText().endsWith("lint/initiative.json")) {
                initiative = f;
            }
        }
        assertThat(initiative).isNotNull();
        assertThat(initiative.get("kind").asText()).isEqualTo("initiative");
        // Member 0 is the custom definition in good-arm.json, member 1 a built-in; only member 2 is unknown.
        assertThat(initiative.get("diagnostics")).hasSize(1);
        assertThat(initiative.get("diagnostics").get(0).get("path").asText()).isEqualTo("$.properties.policyDefinitions[2].policyDefinitionId");

        JsonNode alone = run("policy", "lint", fixture("lint/initiative.json"), "-f", "json").json();
        assertThat(alone.get("files").get(0).get("diagnostics").toString())
                .contains("policyDefinitions[0].policyDefinitionId").contains("policyDefinitions[2].policyDefinitionId");
    }

    @Test
    void textNamesFileAndJsonPathAndEndsWithASummary() {
        Cli.Result r = run("policy", "lint", fixture("lint"));
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out())
                .contains(fixture("lint/bad-operator.json") + ": $.properties.policyRule.if.allOf[1].equalz: error: unknown operator 'equalz'")
                .contains(fixture("lint/nested/bad-effect.json") + ": $.policyRule.then.effect: error: unknown effect 'Audt'")
                .contains(fixture("lint/nested/malformed.json") + ":1:")
                .contains(fixture("lint/nested/warning.json") + ": $.policyRule.if.allOf[1].field: warning: ")
                .contains(fixture("lint/not-a-policy.json") + ": skipped: ")
                .endsWith("9 files: 3 compiled, 5 failed, 2 warnings, 1 skipped\n");
        assertThat(r.err()).isEmpty();
    }

    @Test
    void goodFilesExitZero() {
        Cli.Result r = run("policy", "lint", fixture("lint/good-arm.json"), fixture("lint/good-bare.json"), fixture("lint/nested/warning.json"));
        assertThat(r.exit()).as(r.out()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).endsWith("3 files: 3 compiled, 0 failed, 1 warning\n");
    }

    @Test
    void missingPathIsBadUsage() {
        Cli.Result r = run("policy", "lint", fixture("lint"), fixture("nowhere")).isUsageError();
        assertThat(r.err()).isEqualTo("rampart: " + fixture("nowhere") + ": no such file or directory\n");
        run("policy", "lint").isUsageError();
    }

    @Test
    void aliasFileAppliesToLint() {
        Cli.Result r = run("policy", "lint", fixture("lint/nested/warning.json"), "--aliases", fixture("extend-aliases.csv"));
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).isEqualTo("1 file: 1 compiled, 0 failed, 0 warnings\n");
    }
}
