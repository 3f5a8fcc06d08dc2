package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.gate.SarifSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.rampart.cli.Cli.runWithStandInEngine;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code rampart template check} and {@code template expand}, over the gate's stand-in expander. */
class TemplateCheckCommandTest {

    static final String GATE = Cli.FIXTURES + "gate/";
    static final String HTTPS = GATE + "policies/require-https.json";

    @Test
    void auditFindingsPassAtFailOnDenyAndFailAtFailOnAudit() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", HTTPS);

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("template-check-storage.txt", r.out());
        assertThat(r.out()).contains("src/test/resources/fixtures/gate/storage.json:17:5: audit Storage accounts should only accept HTTPS "
                + "on datasa (Microsoft.Storage/storageAccounts)");

        assertThat(runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", HTTPS, "--fail-on", "audit").exit())
                .isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void assignmentsGiveParameterisedEffectsAndDenyBlocks() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--assignments", GATE + "assignments.json",
                "--no-explain");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains(": deny Storage accounts should only accept HTTPS on datasa (Microsoft.Storage/storageAccounts) "
                + "— Storage accounts must only accept HTTPS.");
        assertThat(r.out()).contains("fail-on deny: FAILED — 1 blocking finding");
        assertThat(runWithStandInEngine("template", "check", GATE + "storage.json", "--assignments", GATE + "assignments.json",
                "--fail-on", "none").exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void doNotEnforceNeverBlocks() {
        for (String failOn : new String[]{"deny", "audit", "none"}) {
            Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--assignments", GATE + "do-not-enforce.json",
                    "--fail-on", failOn, "--format", "json");
            assertThat(r.exit()).as("fail-on %s: %s", failOn, r.err()).isEqualTo(ExitCode.OK);
            JsonNode f = r.json().at("/templates/0/findings/0");
            assertThat(f.get("effect").asText()).isEqualTo("Deny");
            assertThat(f.get("level").asText()).isEqualTo("info");
            assertThat(f.at("/assignment/enforcementMode").asText()).isEqualTo("DoNotEnforce");
        }
    }

    @Test
    void siblingParameterFileIsUsedUnlessOneIsGiven() {
        // storage.parameters.json beside storage.json sets httpsOnly false: datasa is non-compliant.
        JsonNode sibling = runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", HTTPS, "-f", "json").json();
        assertThat(sibling.at("/templates/0/parameters").asText()).endsWith("gate/storage.parameters.json");
        assertThat(sibling.at("/summary/findings").asInt()).isEqualTo(1);

        JsonNode plain = runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", HTTPS, "-f", "json",
                "--parameters", GATE + "plain.parameters.json").json();
        assertThat(plain.at("/templates/0/parameters").asText()).endsWith("gate/plain.parameters.json");
        assertThat(plain.at("/summary/findings").asInt()).isZero();
    }

    @Test
    void folderModeSummary() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "folder", "--policy", HTTPS, "--format", "json");

        // broken.json fails to expand: in folder mode that fails the run (exit 1), it is not bad usage.
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.err()).contains("rampart: note: src/test/resources/fixtures/gate/folder/modules/network.json is linked from another "
                + "template and checked through it");
        Golden.assertMatches("template-check-folder.json", r.out());
        JsonNode j = r.json();
        JsonNode s = j.get("summary");
        assertThat(s.get("templates").asInt()).isEqualTo(3);
        assertThat(s.get("expanded").asInt()).isEqualTo(2);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        assertThat(s.get("resources").asInt()).isEqualTo(2);
        assertThat(s.get("findings").asInt()).isEqualTo(1);
        assertThat(j.get("templates")).extracting(t -> t.get("file").asText().replace(GATE + "folder/", ""))
                .containsExactly("app.json", "broken.json", "web.json");
        JsonNode broken = j.get("templates").get(1);
        assertThat(broken.get("status").asText()).isEqualTo("failed");
        assertThat(broken.get("error").asText()).startsWith(GATE + "folder/broken.json:8:7: is not valid JSON");
        assertThat(j.get("templates").get(0).get("status").asText()).isEqualTo("expanded");
        assertThat(j.get("templates").get(0).get("error").isNull()).isTrue();

        assertThat(runWithStandInEngine("template", "check", GATE + "folder", "--policy", HTTPS, "--fail-on", "none").exit())
                .isEqualTo(ExitCode.OK);
    }

    @Test
    void folderModeTextHasASummaryTable() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "folder", "--policy", HTTPS, "--no-explain");
        Golden.assertMatches("template-check-folder.txt", r.out());
        assertThat(r.out()).contains("TEMPLATE").contains("STATUS").contains("3 templates (2 expanded, 1 failed)");
    }

    @Test
    void globs() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "folder/*.json", "--policy", HTTPS, "-f", "json");
        assertThat(r.json().at("/summary/templates").asInt()).as(r.err()).isEqualTo(3);
    }

    @Test
    void sarifToAFileIsValidAndStdoutGetsTheSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("reports/rampart.sarif");
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "folder", "--assignments", GATE + "assignments.json",
                "--format", "sarif", "--output", out.toString());

        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        String sarif = Files.readString(out);
        assertThat(SarifSchema.violations(sarif)).isEmpty();
        assertThat(r.out()).contains("fail-on deny: FAILED").contains("report: " + out + " (sarif)");
        JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif).at("/runs/0/results");
        assertThat(results).anySatisfy(x -> {
            assertThat(x.get("ruleId").asText()).isEqualTo("require-https");
            assertThat(x.get("level").asText()).isEqualTo("error");
            assertThat(x.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                    .isEqualTo("src/test/resources/fixtures/gate/folder/app.json");
            assertThat(x.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(6);
        });
        assertThat(results).anySatisfy(x -> assertThat(x.get("ruleId").asText()).isEqualTo("template/InvalidTemplate"));
    }

    @Test
    void junit(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("rampart.xml");
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "folder", "--policy", HTTPS, "--format", "junit", "-o", out.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(out.toFile());
        assertThat(d.getElementsByTagName("testsuite").getLength()).isEqualTo(3);
        assertThat(d.getElementsByTagName("error").getLength()).isEqualTo(1);
    }

    @Test
    void theDefaultIsTheMicrosoftCloudSecurityBenchmark() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode a = r.json().at("/assignments/0");
        assertThat(a.get("name").asText()).isEqualTo("Microsoft cloud security benchmark");
        assertThat(a.at("/policy/name").asText()).isEqualTo(Cli.MCSB);
        assertThat(a.get("policies").asInt()).isGreaterThan(200);
        assertThat(r.json().at("/summary/checks").asInt()).isPositive();
    }

    // --- bad input: exit 2 with file:line:col -------------------------------------------------

    @Test
    void malformedSingleTemplateIsBadInputWithLineAndColumn() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "broken.json", "--policy", HTTPS).isUsageError();
        assertThat(r.err()).startsWith("rampart: " + GATE + "broken.json:8:7: is not valid JSON: unexpected character")
                .contains("[InvalidTemplate]");
    }

    @Test
    void missingTemplate() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "nope.json").isUsageError();
        assertThat(r.err()).isEqualTo("rampart: " + GATE + "nope.json: no such file or directory\n");
    }

    @Test
    void badAssignments() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--assignments", GATE + "bad-assignments.json")
                .isUsageError();
        assertThat(r.err()).contains("rampart: " + GATE + "bad-assignments.json:2:3: $[0]: policies/require-https.json: $.parameters.effect:")
                .contains("rampart: " + GATE + "bad-assignments.json:3:3: $[1]: policies/nope.json: no such file");
    }

    @Test
    void badParameterFileOfASingleTemplate() {
        Cli.Result r = runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", HTTPS, "--parameters",
                GATE + "assignments.json").isUsageError();
        assertThat(r.err()).startsWith("rampart: " + GATE + "assignments.json:2:1: $: expected a JSON object of parameter values");
    }

    @Test
    void usageErrors() {
        runWithStandInEngine("template", "check", GATE + "folder", "--parameters", GATE + "plain.parameters.json").isUsageError();
        runWithStandInEngine("template", "check", GATE + "storage.json", "--format", "xml").isUsageError();
        runWithStandInEngine("template", "check", GATE + "storage.json", "--fail-on", "warn").isUsageError();
        runWithStandInEngine("template", "check", GATE + "storage.json", "--policy", "no-such-policy-anywhere").isUsageError();
        runWithStandInEngine("template", "check", GATE + "storage.json", "--scope", "galaxy").isUsageError();
        runWithStandInEngine("template", "check").isUsageError();
    }

    // --- template expand -------------------------------------------------------------------

    @Test
    void expandPrintsTheResources() {
        Cli.Result r = runWithStandInEngine("template", "expand", GATE + "storage.json", "--resource-group", "app-rg");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("template-expand-storage.json", r.out());
        JsonNode j = r.json();
        assertThat(j.get("resources")).hasSize(3);
        assertThat(j.at("/resources/1/id").asText()).isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/app-rg"
                + "/providers/Microsoft.Storage/storageAccounts/datasa");
        assertThat(j.at("/resources/1/source/line").asInt()).isEqualTo(17);
        assertThat(j.at("/resources/1/resource/properties/supportsHttpsTrafficOnly").asBoolean(true)).isFalse();
    }

    @Test
    void expandOfABrokenTemplateIsBadInput() {
        Cli.Result r = runWithStandInEngine("template", "expand", GATE + "broken.json").isUsageError();
        assertThat(r.err()).startsWith("rampart: " + GATE + "broken.json:8:7: is not valid JSON");
        runWithStandInEngine("template", "expand", GATE + "missing.json").isUsageError();
    }
}
