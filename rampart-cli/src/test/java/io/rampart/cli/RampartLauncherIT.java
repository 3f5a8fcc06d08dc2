package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The shaded jar through the ./rampart launcher, as a user runs it (failsafe, after `package`).
 * The jar was just built, so the launcher must not rebuild; nothing here needs the network.
 */
class RampartLauncherIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target/rampart.jar");

    record Run(int exit, String out, String err) {
    }

    private static Run launcher(String... args) throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(JAR), "target/rampart.jar is built by `package`");
        List<String> command = new ArrayList<>();
        command.add(ROOT.resolve("rampart").toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("rampart-out", ".txt");
        Path err = Files.createTempFile("rampart-err", ".txt");
        Process p = new ProcessBuilder(command).directory(Path.of("").toAbsolutePath().toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        Run r = new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    @Test
    void evalBuiltInJsonThroughTheLauncher() throws Exception {
        Run r = launcher("policy", "eval", "--definition", Cli.SECURE_TRANSFER, "--resource", Cli.fixture("storage-http.json"), "--format", "json");
        assertThat(r.err()).as("no build, no warnings").isEmpty();
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("effect").asText()).isEqualTo("Audit");
        assertThat(j.get("compliant").asBoolean()).isFalse();
    }

    @Test
    void versionAndBadInputExitCodes() throws Exception {
        Run v = launcher("--version");
        assertThat(v.exit()).isZero();
        assertThat(v.out()).startsWith("rampart ");
        Run bad = launcher("policy", "eval", "-d", Cli.SECURE_TRANSFER, "-r", Cli.fixture("malformed.json"));
        assertThat(bad.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(bad.err()).startsWith("rampart: ").doesNotContain("Exception");
        assertThat(bad.out()).isEmpty();
    }
}
