package io.rampart.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static io.rampart.cli.Cli.fixture;
import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Bad input never produces a stack trace or a hang: one clear line naming the file and where, exit 2. */
class ErrorHandlingTest {

    @Test
    void malformedResourceNamesFileLineAndColumn() {
        Cli.Result r = run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", fixture("malformed.json")).isUsageError();
        assertThat(r.err()).matches("rampart: " + java.util.regex.Pattern.quote(fixture("malformed.json")) + ":\\d+:\\d+: is not valid JSON: .*\n")
                .doesNotContain("REDACTED").doesNotContain("StreamReadConstraints");
        assertThat(r.err().lines()).hasSize(1);
    }

    @Test
    void malformedDefinition() {
        Cli.Result r = run("policy", "eval", "-d", fixture("malformed.json"), "-r", fixture("storage-http.json")).isUsageError();
        assertThat(r.err()).containsPattern(java.util.regex.Pattern.quote(fixture("malformed.json")) + ":\\d+:\\d+: is not valid JSON");
    }

    @Test
    void missingFiles() {
        assertThat(run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", fixture("nope.json")).isUsageError().err())
                .isEqualTo("rampart: " + fixture("nope.json") + ": no such file (resource file)\n");
        assertThat(run("policy", "eval", "-d", fixture("nope.json"), "-r", fixture("storage-http.json")).isUsageError().err())
                .contains("nope.json: no such file");
        assertThat(run("policy", "eval", "-d", Cli.ALLOWED_LOCATIONS, "-r", fixture("storage-http.json"), "-p", "nope.json").isUsageError().err())
                .contains("nope.json: no such file (parameters file)");
    }

    @Test
    void unknownBuiltInSaysHowToFindOne() {
        Cli.Result r = run("policy", "eval", "-d", "00000000-0000-0000-0000-00000000dead", "-r", fixture("storage-http.json")).isUsageError();
        assertThat(r.err()).contains("'00000000-0000-0000-0000-00000000dead' is neither a file nor a built-in").contains("policy list --search");
    }

    @Test
    void missingParametersAreNamedWithAHint() {
        Cli.Result r = run("policy", "eval", "-d", Cli.ALLOWED_LOCATIONS, "-r", fixture("storage-http.json")).isUsageError();
        assertThat(r.err()).contains("listOfAllowedLocations (Array)").contains("--params");
    }

    @Test
    void wrongParameterTypeNamesTheParametersFileAndPath() {
        Cli.Result r = run("policy", "eval", "-d", Cli.ALLOWED_LOCATIONS, "-r", fixture("storage-http.json"),
                "-p", fixture("wrong-type.params.json")).isUsageError();
        assertThat(r.err()).startsWith("rampart: " + fixture("wrong-type.params.json") + ": $.listOfAllowedLocations.value: ")
                .contains("declared Array");
    }

    @Test
    void definitionThatDoesNotCompileNamesTheJsonPath() {
        Cli.Result r = run("policy", "eval", "-d", fixture("lint/bad-operator.json"), "-r", fixture("storage-http.json")).isUsageError();
        assertThat(r.err()).contains("lint/bad-operator.json: $.properties.policyRule.if.allOf[1].equalz: unknown operator 'equalz'");
    }

    @Test
    void aResourceIsNotADefinition() {
        Cli.Result r = run("policy", "eval", "-d", fixture("storage-http.json"), "-r", fixture("storage-http.json")).isUsageError();
        assertThat(r.err()).contains("storage-http.json: $: expected a policy definition");
    }

    @Test
    void resourcesMustBeObjectsWithAType(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("r.json"), "[{\"type\": \"Microsoft.Storage/storageAccounts\"}, {\"name\": \"x\"}]");
        assertThat(run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", f.toString()).isUsageError().err())
                .contains("r.json: $[1].type: expected the resource type as a string");
        Path g = Files.writeString(dir.resolve("g.json"), "\"just a string\"");
        assertThat(run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", g.toString()).isUsageError().err())
                .contains("g.json: $: expected a resource object");
    }

    @Test
    void deepNestingIsRefusedCleanly(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("deep.json"), "[".repeat(100_000) + "]".repeat(100_000));
        Cli.Result r = run("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", f.toString()).isUsageError();
        assertThat(r.err()).contains("deep.json").contains("nesting depth");
        Path def = Files.writeString(dir.resolve("deepdef.json"), "{\"mode\": \"All\", \"policyRule\": {\"if\": "
                + "{\"not\": ".repeat(400) + "{\"field\": \"type\", \"equals\": \"x\"}" + "}".repeat(400) + ", \"then\": {\"effect\": \"Audit\"}}}");
        Cli.Result d = run("policy", "eval", "-d", def.toString(), "-r", fixture("storage-http.json")).isUsageError();
        assertThat(d.err()).contains("deepdef.json");
    }

    @Test
    void hostilePatternsAndHugeArraysFinishQuickly(@TempDir Path dir) throws IOException {
        StringBuilder rules = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            rules.append(i == 0 ? "" : ",").append("{\"value\": \"1a2a3a4a5a6a7a8a9a").append(i).append("\"}");
        }
        Path huge = Files.writeString(dir.resolve("huge.json"), "{\"type\": \"Microsoft.Storage/storageAccounts\", \"name\": \""
                + "a".repeat(100_000) + "\", \"properties\": {\"networkAcls\": {\"ipRules\": [" + rules + "]}}}");
        Cli.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> run("policy", "eval", "-d", fixture("hostile-patterns.json"), "-r", huge.toString(), "-f", "json"));
        assertThat(r.exit()).as(r.err()).isIn(ExitCode.OK, ExitCode.FINDINGS);
        assertThat(r.json().get("evaluatedExpressions")).isNotEmpty();
    }

    @Test
    void usageErrorsAreOneLineWithWhereToFindHelp() {
        Cli.Result r = run("policy", "eval", "-d", Cli.SECURE_TRANSFER).isUsageError();
        assertThat(r.err()).isEqualTo("rampart: Missing required option: '--resource=FILE' (see 'rampart policy eval --help')\n");
        assertThat(run("policy", "eval", "-d", "x", "-r", "y", "--formt", "json").isUsageError().err()).contains("did you mean --format?");
        assertThat(run("policy", "eval", "-d", "x", "-r", "y", "--format", "yaml").isUsageError().err()).contains("text, json");
        assertThat(run("policy", "eval", "-d", "x", "-r", "y", "--now", "yesterday").isUsageError().err()).contains("--now");
        assertThat(run("policy", "frobnicate").isUsageError().err()).contains("frobnicate");
    }

    @Test
    void badAliasFileNamesTheLine(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("a.csv"), "alias,path\nnot an alias line\n");
        assertThat(run("--aliases", f.toString(), "policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", fixture("storage-http.json"))
                .isUsageError().err()).contains("a.csv:2: ");
        assertThat(run("--aliases", "nope.csv", "policy", "list").isUsageError().err()).isEqualTo("rampart: nope.csv: no such file (alias file)\n");
    }

    @Test
    void noCommandPrintsUsageAndExits2() {
        Cli.Result r = run();
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("Usage: rampart").contains("policy").contains("demo");
        assertThat(run("policy").err()).contains("eval").contains("lint").contains("list");
    }

    @Test
    void versionAndHelp() {
        Cli.Result v = run("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("rampart ").contains("built-in library: ").contains("Azure/azure-policy@");
        Cli.Result h = run("policy", "eval", "--help");
        assertThat(h.exit()).isZero();
        assertThat(h.out()).contains("--definition=FILE|ID").contains("--related=FILE").contains("--aliases=FILE");
    }

    @Test
    void unexpectedFailuresAreOneLineUnlessDebugging() {
        StringWriter err = new StringWriter();
        int code = Main.failure(Io.of(new StringWriter(), err), new IllegalStateException("boom\nsecond line"), false);
        assertThat(code).isEqualTo(ExitCode.INTERNAL);
        assertThat(err.toString()).isEqualTo("rampart: internal error: IllegalStateException: boom second line (run with --debug for the stack trace)\n");

        StringWriter debug = new StringWriter();
        Main.failure(Io.of(new StringWriter(), debug), new IllegalStateException("boom"), true);
        assertThat(debug.toString()).contains("\tat io.rampart.cli.ErrorHandlingTest");
    }
}
