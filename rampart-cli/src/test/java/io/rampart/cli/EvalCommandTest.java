package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.rampart.cli.Cli.fixture;
import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/** `policy eval` behaviour beyond the golden files: the JSON contract, options and inputs. */
class EvalCommandTest {

    @Test
    void jsonHasTheFieldsTheIssuePromises() {
        JsonNode j = run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", fixture("storage-http.json"), "-f", "json").json();
        assertThat(j.get("applicable").isBoolean()).isTrue();
        assertThat(j.get("compliant").isBoolean()).isTrue();
        assertThat(j.get("compliant").asBoolean()).isFalse();
        assertThat(j.get("effect").asText()).isEqualTo("Audit");
        assertThat(j.get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(j.get("policy").get("name").asText()).isEqualTo(Cli.SECURE_TRANSFER);
        assertThat(j.get("resource").get("name").asText()).isEqualTo("legacysa");
        assertThat(j.get("evaluatedExpressions").isArray()).isTrue();
        assertThat(j.get("evaluatedExpressions")).isNotEmpty();
        for (JsonNode e : j.get("evaluatedExpressions")) {
            List<String> names = new ArrayList<>();
            e.fieldNames().forEachRemaining(names::add);
            assertThat(names).contains("result", "expressionKind", "expression", "path", "expressionValue", "targetValue", "operator");
        }
        assertThat(j.get("diagnostics").isArray()).isTrue();
    }

    @Test
    void effectIsReportedAsWrittenAfterParameters() {
        JsonNode j = run("policy", "eval", "-d", fixture("require-tag.json"), "-r", fixture("storage-http.json"),
                "-p", fixture("require-tag.params.json"), "-f", "json").json();
        assertThat(j.get("effect").asText()).isEqualTo("Deny");
    }

    @Test
    void parametersInAllThreeShapesAreAccepted(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"listOfAllowedLocations\": [\"westeurope\"]}");
        Path wrapped = Files.writeString(dir.resolve("wrapped.json"), "{\"listOfAllowedLocations\": {\"value\": [\"westeurope\"]}}");
        Path deployment = Files.writeString(dir.resolve("deployment.json"), """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                 "contentVersion": "1.0.0.0", "parameters": {"listOfAllowedLocations": {"value": ["westeurope"]}}}""");
        for (Path p : List.of(plain, wrapped, deployment)) {
            Cli.Result r = run("policy", "eval", "-d", Cli.ALLOWED_LOCATIONS, "-r", fixture("storage-https.json"), "-p", p.toString(), "-f", "json");
            assertThat(r.exit()).as(p + ": " + r.err()).isEqualTo(ExitCode.FINDINGS);
            assertThat(r.json().get("complianceState").asText()).as(p.toString()).isEqualTo("NonCompliant");
        }
    }

    @Test
    void builtInsAreFoundByGuidIdAndDisplayName() {
        for (String key : List.of(Cli.SECURE_TRANSFER, "/providers/Microsoft.Authorization/policyDefinitions/" + Cli.SECURE_TRANSFER,
                "Secure transfer to storage accounts should be enabled")) {
            Cli.Result r = run("policy", "eval", "-d", key, "-r", fixture("storage-https.json"), "-f", "json");
            assertThat(r.exit()).as(key + ": " + r.err()).isEqualTo(ExitCode.OK);
            assertThat(r.json().get("policy").get("name").asText()).isEqualTo(Cli.SECURE_TRANSFER);
        }
    }

    @Test
    void builtInInitiativeEvaluatesEveryMember() {
        Cli.Result r = run("policy", "eval", "-d", Cli.MCSB, "-r", fixture("storage-http.json"), "-f", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode j = r.json();
        assertThat(j.get("policy").get("kind").asText()).isEqualTo("initiative");
        assertThat(j.get("results").size()).isGreaterThan(200).isEqualTo(j.get("summary").get("evaluations").asInt());
        boolean secureTransferFails = false;
        for (JsonNode res : j.get("results")) {
            secureTransferFails |= res.get("policy").get("name").asText().equals(Cli.SECURE_TRANSFER)
                    && res.get("complianceState").asText().equals("NonCompliant");
            assertThat(res.get("policy").has("policyDefinitionReferenceId")).isTrue();
        }
        assertThat(secureTransferFails).isTrue();
        // The library has only the latest version of each built-in; a member pinned to an older major version uses it, and says so.
        assertThat(j.get("diagnostics").toString()).contains("definition-version-unavailable");
    }

    @Test
    void commentsAndTrailingCommasAreAccepted() {
        // storage-http.json has // comments and a trailing comma, https-bare.json a /* */ comment.
        Cli.Result r = run("policy", "eval", "-d", fixture("https-bare.json"), "-r", fixture("storage-http.json"), "-f", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.json().get("complianceState").asText()).isEqualTo("NonCompliant");
    }

    @Test
    void aliasFileOverridesTheShippedTable() {
        // supportsHttpsTrafficOnly is false, but the override points the alias at legacy.httpsOnly, which is true.
        Cli.Result shipped = run("policy", "eval", "-d", fixture("https-bare.json"), "-r", fixture("storage-http.json"), "-f", "json");
        Cli.Result overridden = run("--aliases", fixture("override-aliases.csv"), "policy", "eval", "-d", fixture("https-bare.json"),
                "-r", fixture("storage-http.json"), "-f", "json");
        assertThat(shipped.json().get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(overridden.exit()).as(overridden.err()).isEqualTo(ExitCode.OK);
        assertThat(overridden.json().get("complianceState").asText()).isEqualTo("Compliant");
        assertThat(overridden.json().get("evaluatedExpressions").toString()).contains("properties.legacy.httpsOnly");
    }

    @Test
    void aliasFileExtendsTheShippedTable() {
        Cli.Result inferred = run("policy", "eval", "-d", fixture("inferred-alias.json"), "-r", fixture("storage-http.json"), "-f", "json");
        assertThat(inferred.json().get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(inferred.json().get("diagnostics").toString()).contains("inferred-alias");
        // The option is inherited: it may follow the subcommand too.
        Cli.Result extended = run("policy", "eval", "-d", fixture("inferred-alias.json"), "-r", fixture("storage-http.json"), "-f", "json",
                "--aliases", fixture("extend-aliases.csv"));
        assertThat(extended.json().get("complianceState").asText()).isEqualTo("Compliant");
        assertThat(extended.json().get("diagnostics")).isEmpty();
    }

    @Test
    void nowSetsTheClock() {
        Cli.Result before = run("policy", "eval", "-d", fixture("utcnow.json"), "-r", fixture("storage-http.json"), "--now", "2029-12-31T23:00:00Z", "-f", "json");
        Cli.Result after = run("policy", "eval", "-d", fixture("utcnow.json"), "-r", fixture("storage-http.json"), "--now", "2030-06-01", "-f", "json");
        assertThat(before.json().get("complianceState").asText()).isEqualTo("Compliant");
        assertThat(after.json().get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(after.exit()).isEqualTo(ExitCode.FINDINGS);
    }

    @Test
    void resourceGroupAndApiVersionReachTheRule(@TempDir Path dir) throws IOException {
        Path def = Files.writeString(dir.resolve("rg.json"), """
                {"mode": "All", "policyRule": {"if": {"allOf": [
                  {"value": "[resourceGroup().name]", "equals": "gold-rg"},
                  {"value": "[requestContext().apiVersion]", "equals": "2023-01-01"}]},
                 "then": {"effect": "Audit"}}}""");
        Path rg = Files.writeString(dir.resolve("group.json"), "{\"name\": \"gold-rg\", \"location\": \"northeurope\"}");
        Cli.Result without = run("policy", "eval", "-d", def.toString(), "-r", fixture("storage-https.json"), "-f", "json");
        Cli.Result with = run("policy", "eval", "-d", def.toString(), "-r", fixture("storage-https.json"), "-f", "json",
                "--resource-group", rg.toString(), "--api-version", "2023-01-01");
        assertThat(without.json().get("complianceState").asText()).isEqualTo("Compliant");
        assertThat(with.json().get("complianceState").asText()).isEqualTo("NonCompliant");
    }

    @Test
    void withoutRelatedResourcesNoneExist() {
        Cli.Result r = run("policy", "eval", "-d", fixture("diagnostics-aine.json"), "-r", fixture("storage-https.json"), "-f", "json");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.json().get("complianceState").asText()).isEqualTo("NonCompliant");
        assertThat(r.json().get("ifNotExistsDetails").get("totalResources").asInt()).isZero();
    }

    @Test
    void armListResponsesAreAcceptedAsResources(@TempDir Path dir) throws IOException {
        Path list = Files.writeString(dir.resolve("list.json"), "{\"value\": " + Files.readString(Path.of(fixture("resources.json"))) + "}");
        Cli.Result r = run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", list.toString(), "-f", "json");
        assertThat(r.json().get("summary").get("resources").asInt()).isEqualTo(3);
    }

    @Test
    void compliantResultsExitZeroAndTextSaysSo() {
        Cli.Result r = run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", fixture("storage-https.json"));
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("Compliance  Compliant").doesNotContain("\u001b[");
    }
}
