package io.rampart.threat.io;

import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.format.AlertJson;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/** Continuous export to a JSON-lines file: one Defender-shaped alert per line, appended and flushed as raised. */
public final class JsonLinesSink implements AlertSink {

    private final Path file;
    private final List<String> problems = new ArrayList<>();
    private BufferedWriter out;

    public JsonLinesSink(Path file) {
        this.file = file;
    }

    @Override
    public void accept(SecurityAlert alert) {
        if (!problems.isEmpty()) {
            return;
        }
        try {
            if (out == null) {
                Path dir = file.toAbsolutePath().getParent();
                if (dir != null) {
                    Files.createDirectories(dir);
                }
                out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            out.write(AlertJson.JSON.writeValueAsString(AlertJson.alert(alert)));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            problems.add(file + ": cannot be written: " + e.getMessage());
        }
    }

    @Override
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public void close() {
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                problems.add(file + ": " + e.getMessage());
            }
        }
    }
}
