package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a journal of JSON lines; a last line without its newline (cut by a crash) is left out. */
final class JsonLines {

    private JsonLines() {
    }

    static List<JsonNode> read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<JsonNode> out = new ArrayList<>();
        int start = 0;
        int nl;
        while ((nl = text.indexOf('\n', start)) >= 0) {
            String line = text.substring(start, nl);
            if (!line.isBlank()) {
                out.add(Json.read(line, file.toString()));
            }
            start = nl + 1;
        }
        return out;
    }
}
