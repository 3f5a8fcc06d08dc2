package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rampart template check | expand} over the real template engine: parameters files,
 * generated values for missing required parameters, {@code --strict-parameters}, and the errors
 * ARM would give (cycles, copy counts, recursion) as exit code 2 with file, line and JSON path.
 */
class TemplateEngineCommandTest {

    static final String ENGINE = Cli.FIXTURES + "engine/";
    static final String SECURE_TRANSFER = Cli.SECURE_TRANSFER;

    @Test
    void expandsCopyLoopsWithTheSiblingParametersFile() {
        Cli.Result r = run("template", "expand", ENGINE + "web.json");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode j = r.json();
        assertThat(j.get("parameters").asText()).isEqualTo(ENGINE + "web.parameters.json");
        // count 3 from the parameters file: three accounts, then the plan and the site that depends on it
        assertThat(j.get("resources")).extracting(x -> x.get("type").asText()).containsExactly(
                "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts", "Microsoft.Storage/storageAccounts",
                "Microsoft.Web/serverfarms", "Microsoft.Web/sites");
        assertThat(j.at("/resources/4/resource/name").asText()).isEqualTo("contoso-web");
        assertThat(j.at("/resources/4/resource/properties/serverFarmId").asText())
                .isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rampart-rg/providers/Microsoft.Web/serverfarms/contoso-plan");
        assertThat(j.at("/resources/0/resource/name").asText()).startsWith("contoso").hasSize(7 + 13);
        assertThat(j.at("/resources/0/source/line").asInt()).isEqualTo(15);
    }

    @Test
    void findingsOnExpandedResourcesPointAtTheirSource() {
        Cli.Result r = run("template", "check", ENGINE + "web.json", "--policy", SECURE_TRANSFER, "--format", "json", "--fail-on", "audit");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        JsonNode t = r.json().at("/templates/0");
        assertThat(t.get("status").asText()).isEqualTo("expanded");
        assertThat(t.get("findings")).hasSize(3).allSatisfy(f -> {
            assertThat(f.at("/resource/type").asText()).isEqualTo("Microsoft.Storage/storageAccounts");
            assertThat(f.get("line").asInt()).as(f.toString()).isEqualTo(15);
            assertThat(f.get("complianceState").asText()).isEqualTo("NonCompliant");
        });
    }

    @Test
    void missingRequiredParametersAreGeneratedWithAWarningUnlessStrict() {
        Cli.Result r = run("template", "check", ENGINE + "noparams/web.json", "--policy", SECURE_TRANSFER, "--no-explain");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains(ENGINE + "noparams/web.json:6:15: $.parameters.prefix: warning: no value for parameter 'prefix': "
                + "checked with generated values of the declared types");

        Cli.Result strict = run("template", "check", ENGINE + "noparams/web.json", "--policy", SECURE_TRANSFER, "--strict-parameters")
                .isUsageError();
        assertThat(strict.err()).contains(ENGINE + "noparams/web.json:6:15: $.parameters.prefix: Deployment template validation failed: "
                + "'The value for the template parameter 'prefix' at line '6' and column '15' is not provided.");
    }

    @Test
    void aCycleInDependsOnIsAClearError() {
        Cli.Result r = run("template", "check", ENGINE + "cyclic.json").isUsageError();
        assertThat(r.err()).contains(ENGINE + "cyclic.json:5:5: $.resources[0]: Deployment template validation failed: "
                + "'Circular dependency detected on resource").contains("[CircularDependency]");
    }

    @Test
    void copyCountsAboveArmsLimitAreRefused() {
        Cli.Result r = run("template", "expand", ENGINE + "too-many.json").isUsageError();
        assertThat(r.err()).contains(ENGINE + "too-many.json:16:9: $.resources[0].copy.count:").contains("cannot exceed '800'");
    }

    @Test
    void recursiveUserFunctionsAreRefused() {
        Cli.Result r = run("template", "check", ENGINE + "recursive.json").isUsageError();
        assertThat(r.err()).contains("recursive function calls are not allowed").contains("[RecursiveFunction]");
    }

    @Test
    void aFolderReportsEveryTemplateAndTheSummary() {
        Cli.Result r = run("template", "check", ENGINE, "--policy", SECURE_TRANSFER, "--format", "json", "--fail-on", "none");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        JsonNode s = r.json().get("summary");
        assertThat(s.get("templates").asInt()).isEqualTo(5);
        assertThat(s.get("expanded").asInt()).isEqualTo(2);
        assertThat(s.get("failed").asInt()).isEqualTo(3);
        assertThat(s.get("resources").asInt()).isEqualTo(9);
        assertThat(s.get("findings").asInt()).isEqualTo(5);
        assertThat(r.json().get("templates")).extracting(t -> t.get("file").asText() + " " + t.get("status").asText())
                .containsExactlyInAnyOrder(ENGINE + "cyclic.json failed", ENGINE + "noparams/web.json expanded",
                        ENGINE + "recursive.json failed", ENGINE + "too-many.json failed", ENGINE + "web.json expanded");
    }

    @Test
    void sarifFromTheEngineIsValidAndPointsAtTheResources() {
        Cli.Result r = run("template", "check", ENGINE + "web.json", "--policy", SECURE_TRANSFER, "--format", "sarif");

        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(io.rampart.gate.SarifSchema.violations(r.out())).isEmpty();
        JsonNode results = r.json().at("/runs/0/results");
        assertThat(results).hasSize(3).allSatisfy(x -> {
            assertThat(x.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("fixtures/engine/web.json");
            assertThat(x.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(15);
            assertThat(x.get("ruleId").asText()).contains("404c3081-a854-4457-ae30-26a93ef643f9");
        });
    }

    @Test
    void junitFromTheEngineFailsATestCasePerBlockingFinding() {
        Cli.Result r = run("template", "check", ENGINE + "web.json", "--policy", SECURE_TRANSFER, "--format", "junit");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("<?xml").contains("tests=\"4\" failures=\"0\"").doesNotContain("<failure");

        Cli.Result audit = run("template", "check", ENGINE + "web.json", "--policy", SECURE_TRANSFER, "--format", "junit", "--fail-on", "audit");
        assertThat(audit.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(audit.out()).contains("tests=\"4\" failures=\"3\"");
        assertThat(audit.out().split("<failure ", -1)).hasSize(4);
    }
}
