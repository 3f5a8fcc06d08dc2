package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.StringWriter;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the rampart command line in-process, capturing stdout, stderr and the exit code. */
final class Cli {

    static final String FIXTURES = "src/test/resources/fixtures/";
    static final String SECURE_TRANSFER = "404c3081-a854-4457-ae30-26a93ef643f9";
    static final String ALLOWED_LOCATIONS = "e56962a6-4747-49cd-b67b-bf8b01975c4c";
    static final String MCSB = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    record Result(int exit, String out, String err) {

        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException("stdout is not JSON: " + out, e);
            }
        }

        /** A user error: exit 2, only "rampart: ..." lines on stderr, no stack trace, nothing on stdout. */
        Result isUsageError() {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(ExitCode.USAGE);
            assertThat(out).isEmpty();
            assertThat(err).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
            for (String line : err.split("\n")) {
                assertThat(line).startsWith("rampart: ");
            }
            return this;
        }
    }

    private Cli() {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(Io.of(out, err), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs with the gate's stand-in template expander (literal templates), so template tests don't wait for the engine. */
    static Result runWithStandInEngine(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(Io.of(out, err), clock -> new io.rampart.gate.FakeExpander(), args);
        return new Result(exit, out.toString(), err.toString());
    }

    /** Runs with {@code interrupts} standing for Ctrl-C (the JVM's shutdown hooks otherwise). */
    static Result runInterruptible(Interrupts interrupts, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.runInterruptible(Io.of(out, err), interrupts, args);
        return new Result(exit, out.toString(), err.toString());
    }

    static String fixture(String name) {
        return FIXTURES + name;
    }
}
