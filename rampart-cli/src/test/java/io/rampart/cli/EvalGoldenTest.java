package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.rampart.cli.Cli.fixture;
import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** `policy eval` output, text and JSON, against checked-in golden files. */
class EvalGoldenTest {

    @Test
    void builtInDefinitionNonCompliantJson() {
        Cli.Result r = run("policy", "eval", "--definition", Cli.SECURE_TRANSFER, "--resource", fixture("storage-http.json"), "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.err()).isEmpty();
        Golden.assertMatches("eval-builtin-noncompliant.json", r.out());
    }

    @Test
    void builtInDefinitionNonCompliantText() {
        Cli.Result r = run("policy", "eval", "--definition", Cli.SECURE_TRANSFER, "--resource", fixture("storage-http.json"));
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("eval-builtin-noncompliant.txt", r.out());
    }

    @Test
    void customBareDefinitionCompliantJsonAndText() {
        Cli.Result json = run("policy", "eval", "-d", fixture("https-bare.json"), "-r", fixture("storage-https.json"), "-f", "json");
        assertThat(json.exit()).as(json.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("eval-custom-compliant.json", json.out());
        Cli.Result text = run("policy", "eval", "-d", fixture("https-bare.json"), "-r", fixture("storage-https.json"));
        assertThat(text.exit()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("eval-custom-compliant.txt", text.out());
    }

    @Test
    void deploymentParametersFile() {
        Cli.Result r = run("policy", "eval", "-d", Cli.ALLOWED_LOCATIONS, "-r", fixture("storage-https.json"),
                "-p", fixture("allowed-locations.params.json"), "-f", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("eval-params-compliant.json", r.out());
    }

    @Test
    void plainParametersFileChangesTheEffect() {
        Cli.Result r = run("policy", "eval", "-d", fixture("require-tag.json"), "-r", fixture("storage-https.json"),
                "-p", fixture("require-tag.params.json"));
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("eval-params-deny.txt", r.out());
    }

    @Test
    void initiativeOverSeveralResourcesJsonAndText() {
        Cli.Result json = run("policy", "eval", "-d", fixture("initiative.json"), "-r", fixture("resources.json"), "-f", "json");
        assertThat(json.exit()).as(json.err()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("eval-initiative.json", json.out());
        JsonNode summary = json.json().get("summary");
        assertThat(summary.get("evaluations").asInt()).isEqualTo(6);
        assertThat(summary.get("nonCompliantResources").asInt()).isEqualTo(2);
        assertThat(summary.get("compliant").asBoolean()).isFalse();

        Cli.Result text = run("policy", "eval", "-d", fixture("initiative.json"), "-r", fixture("resources.json"));
        assertThat(text.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("eval-initiative.txt", text.out());
    }

    @Test
    void auditIfNotExistsWithRelatedResources() {
        Cli.Result r = run("policy", "eval", "-d", fixture("diagnostics-aine.json"), "-r", fixture("resources.json"),
                "--related", fixture("related.json"), "-f", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("eval-aine-related.json", r.out());
        JsonNode results = r.json().get("results");
        assertThat(results.get(0).get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(results.get(1).get("complianceState").asText()).isEqualTo("Compliant");
        assertThat(results.get(1).get("ifNotExistsDetails").get("resourceId").asText()).endsWith("diagnosticSettings/to-law");
        assertThat(results.get(2).get("complianceState").asText()).isEqualTo("NotApplicable");
    }
}
