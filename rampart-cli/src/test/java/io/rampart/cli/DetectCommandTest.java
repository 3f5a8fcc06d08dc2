package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.gate.SarifSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code rampart detect}: formats, exit codes, malformed input and broken rules, automations, export. */
class DetectCommandTest {

    private static final String DIR = Cli.FIXTURES + "detect/";
    private static final String LOG = DIR + "cloudtrail.jsonl";
    private static final String NOW = "2026-01-01T00:00:00Z";

    @Test
    void textReportAndExitCodeOneForAlerts() {
        Cli.Result r = Cli.run("detect", LOG, "--now", NOW);
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("detect-cloudtrail.txt", r.out());
        // Malformed lines are warnings with file and line; the run goes on.
        assertThat(r.err()).contains("rampart: warning: malformed record at " + LOG + ":2: not valid JSON");
    }

    @Test
    void jsonHasTheSummaryAlertsAndIncidents() {
        Cli.Result r = Cli.run("detect", LOG, "--format", "json", "--now", NOW);
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode j = r.json();
        JsonNode s = j.get("summary");
        // the summary fields the issue names, as integers, and the alerts and incidents arrays
        for (String f : new String[] {"rules", "rulesCompiled", "events", "malformed", "alerts", "incidents"}) {
            assertThat(s.path(f).isIntegralNumber()).as(f).isTrue();
        }
        assertThat(j.get("alerts").isArray()).isTrue();
        assertThat(j.get("incidents").isArray()).isTrue();
        assertThat(s.get("rulesCompiled").asInt()).isPositive().isLessThanOrEqualTo(s.get("rules").asInt());
        assertThat(s.get("events").asInt()).isEqualTo(4);
        assertThat(s.get("malformed").asInt()).isEqualTo(1);
        assertThat(s.get("alerts").asInt()).isEqualTo(j.get("alerts").size()).isEqualTo(2);
        assertThat(s.get("incidents").asInt()).isEqualTo(j.get("incidents").size()).isEqualTo(1);
        assertThat(j.at("/malformed/0/line").asInt()).isEqualTo(2);
        assertThat(j.at("/incidents/0/properties/isIncident").asBoolean()).isTrue();
        Golden.assertMatches("detect-cloudtrail.json", r.out());
    }

    @Test
    void failOnThresholds() {
        // the log's alerts are Medium: 1 at or above the threshold, 0 above it
        assertThat(Cli.run("detect", LOG, "--fail-on", "high").exit()).isEqualTo(ExitCode.OK);
        assertThat(Cli.run("detect", LOG, "--fail-on", "medium").exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Cli.run("detect", LOG, "--fail-on", "low").exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Cli.run("detect", LOG, "--fail-on", "informational", "--format", "json").exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(Cli.run("detect", LOG, "--fail-on", "none").exit()).isEqualTo(ExitCode.OK);
    }

    @Test
    void aBrokenRuleIsReportedAndTheOthersRun() {
        Cli.Result r = Cli.run("detect", LOG, "--rules", DIR + "rules", "--format", "json", "--fail-on", "high");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.err()).contains("rampart: warning: rule not compiled: " + DIR + "rules/broken.yml (A rule with a typo in its condition): "
                + "unknown modifier |containz in 'eventName|containz'");
        assertThat(r.err()).contains("expand.yml (Trail changed by a break-glass account (test rule)): |expand: no value for placeholder %breakglass%");
        JsonNode s = r.json().get("summary");
        assertThat(s.get("rules").asInt()).isEqualTo(3);
        assertThat(s.get("rulesCompiled").asInt()).isEqualTo(1);
        assertThat(r.json().at("/alerts/0/properties/alertDisplayName").asText()).isEqualTo("Trail logging stopped (test rule)");
        assertThat(r.json().at("/ruleProblems/0/message").asText()).contains("containz");
    }

    @Test
    void eventsAreDetectedInTimeOrderAcrossFiles(@TempDir Path dir) throws Exception {
        // The role assignment comes in the second file but happened first: with --order time the
        // Rampart correlation (role assignment, then policy removal, then exposure) fires.
        String role = "{\"caller\": \"eve@contoso.com\", \"eventTimestamp\": \"2026-03-02T10:00:00Z\", \"correlationId\": \"1\", "
                + "\"operationName\": {\"value\": \"Microsoft.Authorization/roleAssignments/write\"}, \"resourceId\": \"/subscriptions/s/providers/Microsoft.Authorization/roleAssignments/r\"}";
        String policy = "{\"caller\": \"eve@contoso.com\", \"eventTimestamp\": \"2026-03-02T10:05:00Z\", \"correlationId\": \"2\", "
                + "\"operationName\": {\"value\": \"Microsoft.Authorization/policyAssignments/delete\"}, \"resourceId\": \"/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/p\"}";
        String expose = "{\"caller\": \"eve@contoso.com\", \"eventTimestamp\": \"2026-03-02T10:10:00Z\", \"correlationId\": \"3\", "
                + "\"operationName\": {\"value\": \"Microsoft.Storage/storageAccounts/write\"}, \"resourceId\": \"/subscriptions/s/resourceGroups/g/providers/Microsoft.Storage/storageAccounts/st\", "
                + "\"properties\": {\"requestbody\": \"{\\\"properties\\\":{\\\"allowBlobPublicAccess\\\":true}}\"}}";
        Files.writeString(dir.resolve("a.json"), "[" + policy + "," + expose + "]");
        Files.writeString(dir.resolve("b.json"), "[" + role + "]");
        String corr = "Role Assignment, Policy Removal and Public Exposure by One Caller";
        Cli.Result byTime = Cli.run("detect", dir.toString(), "--format", "json");
        assertThat(byTime.json().get("alerts")).extracting(a -> a.at("/properties/alertDisplayName").asText()).contains(corr);
        Cli.Result byFile = Cli.run("detect", dir.toString(), "--format", "json", "--order", "file");
        assertThat(byFile.json().get("alerts")).extracting(a -> a.at("/properties/alertDisplayName").asText()).doesNotContain(corr);
    }

    @Test
    void placeholdersFillExpandModifiers() {
        Cli.Result r = Cli.run("detect", LOG, "--rules", DIR + "rules", "--placeholder", "breakglass=mallory", "--format", "json");
        assertThat(r.json().at("/summary/rulesCompiled").asInt()).isEqualTo(2);
        assertThat(r.json().get("alerts")).extracting(a -> a.at("/properties/alertDisplayName").asText())
                .contains("Trail changed by a break-glass account (test rule)");
    }

    @Test
    void sarifIsValidAndPointsAtTheLogLine(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("detect.sarif");
        Cli.Result r = Cli.run("detect", LOG, "--format", "sarif", "--output", out.toString(), "--now", NOW);
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        String sarif = Files.readString(out);
        assertThat(SarifSchema.violations(sarif)).isEmpty();
        JsonNode results = new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif).at("/runs/0/results");
        assertThat(results).hasSize(2);
        assertThat(results.get(0).at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(1);
        assertThat(r.out()).contains("report: " + out + " (sarif)").contains("2 alerts, 1 incident");
    }

    @Test
    void ocsfFindings() {
        Cli.Result r = Cli.run("detect", LOG, "--format", "ocsf", "--now", NOW);
        JsonNode f = r.json().at("/findings/0");
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.at("/finding_info/analytic/type").asText()).isEqualTo("Rule");
    }

    @Test
    void automationDismissesAndExportWritesJsonLines(@TempDir Path dir) throws Exception {
        Path export = dir.resolve("alerts.jsonl");
        Cli.Result r = Cli.run("detect", LOG, "--automation", DIR + "automation.json", "--export-jsonl", export.toString(),
                "--format", "json", "--fail-on", "medium");
        // The backdoor-key alert (medium) is dismissed; the CloudTrail change (medium) still fails the run.
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.json().get("alerts")).anySatisfy(a -> {
            assertThat(a.at("/properties/alertDisplayName").asText()).isEqualTo("AWS IAM Backdoor Users Keys");
            assertThat(a.at("/properties/status").asText()).isEqualTo("Dismissed");
        });
        assertThat(Files.readAllLines(export)).hasSize(2);
    }

    @Test
    void badUsage(@TempDir Path dir) throws Exception {
        Cli.run("detect", "no-such.json").isUsageError();
        Cli.run("detect", LOG, "--dedup-window", "soon").isUsageError();
        Path bad = dir.resolve("automation.json");
        Files.writeString(bad, "[{\"properties\": {\"actions\": [{\"actionType\": \"Teleport\"}]}}]");
        Cli.Result r = Cli.run("detect", LOG, "--automation", bad.toString()).isUsageError();
        assertThat(r.err()).contains("$[0].properties.actions[0].actionType: expected LogicApp, Webhook, Suppress or SetStatus");
        Path empty = Files.createDirectory(dir.resolve("empty-rules"));
        assertThat(Cli.run("detect", LOG, "--rules", empty.toString()).isUsageError().err()).contains("no rule compiled");
    }
}
