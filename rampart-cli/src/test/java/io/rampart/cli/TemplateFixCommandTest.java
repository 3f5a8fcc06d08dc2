package io.rampart.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.rampart.cli.Cli.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code template fix}: the report and the fixed template against golden files — literal values
 * fixed in place (a missing tag added, supportsHttpsTrafficOnly and minimumTlsVersion set), values
 * from expressions reported as not mapped with why, a copy loop's shared declaration fixed once —
 * plus --check, nothing to fix, and bad input.
 */
class TemplateFixCommandTest {

    private static final String DIR = Cli.FIXTURES + "fix/";

    @TempDir
    Path tmp;

    @Test
    void fixesLiteralsReportsWhatCantBeMappedAndWritesTheFixedTemplate() throws IOException {
        Path out = tmp.resolve("fixed.json");
        Cli.Result r = run("template", "fix", DIR + "main.json", "--assignments", DIR + "assignments.json", "--output", out.toString(),
                "--now", "2025-01-01T00:00:00Z");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("fix-report.txt", r.out().replace(out.toString(), "FIXED"));
        Golden.assertMatches("fix-fixed-template.json", Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void jsonReport() {
        Cli.Result r = run("template", "fix", DIR + "main.json", "--assignments", DIR + "assignments.json", "--json", "--check",
                "--now", "2025-01-01T00:00:00Z");
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("fix-report.json", r.out());
    }

    @Test
    void theFixedTemplateNeedsNoFurtherFixesForTheLiteralResource() throws IOException {
        Path out = tmp.resolve("fixed.json");
        run("template", "fix", DIR + "main.json", "--assignments", DIR + "assignments.json", "--output", out.toString());
        Cli.Result again = run("template", "fix", out.toString(), "--assignments", DIR + "assignments.json", "--json");
        assertThat(again.exit()).isEqualTo(ExitCode.OK);
        assertThat(again.out()).doesNotContain("literalsa").doesNotContain("loop0").contains("exprsa");
    }

    @Test
    void nothingToFixExitsZero() throws IOException {
        Path t = tmp.resolve("ok.json");
        Files.writeString(t, """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                 "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa", "location": "eastus",
                   "tags": {"env": "dev"}, "properties": {"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": true}}]}
                """);
        Cli.Result r = run("template", "fix", t.toString(), "--assignments", Path.of(DIR + "assignments.json").toAbsolutePath().toString(), "--check");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).contains("nothing to fix");
    }

    @Test
    void badInputExitsTwo() throws IOException {
        Path t = tmp.resolve("bad.json");
        Files.writeString(t, "{\"resources\": [");
        assertThat(run("template", "fix", t.toString(), "--policy", "4f9dc7db-30c1-420c-b61a-e1d640128d26").exit()).isEqualTo(ExitCode.USAGE);
        assertThat(run("template", "fix", tmp.resolve("missing.json").toString()).exit()).isEqualTo(ExitCode.USAGE);
        Cli.Result unknown = run("template", "fix", DIR + "main.json", "--policy", "no-such-policy");
        assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unknown.err()).contains("'no-such-policy' is neither a file nor a built-in definition");
    }
}
