package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.gate.report.JsonText;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/** --format and --output of the remediate commands: text or JSON on stdout, or the report in a file (written whole) and text on stdout. */
final class OutputOptions {

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json", description = "Output format: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report (in --format) to FILE; stdout then gets it as text.")
    Path output;

    /** Prints {@code text} (rendered with the terminal's colors) or {@code json}; with --output, the report goes to the file as well. */
    void emit(Io io, BiConsumer<Io, PrintWriter> text, JsonNode json) {
        if (output != null) {
            String report;
            if (format == Format.json) {
                report = JsonText.pretty(json);
            } else {
                StringWriter file = new StringWriter();
                Io plain = Io.of(file, new StringWriter());
                text.accept(plain, plain.out());
                plain.out().flush();
                report = file.toString();
            }
            OutputFiles.write(output, report);
            text.accept(io, io.out());
        } else if (format == Format.json) {
            JsonOutput.print(io.out(), json);
        } else {
            text.accept(io, io.out());
        }
        io.out().flush();
    }
}
