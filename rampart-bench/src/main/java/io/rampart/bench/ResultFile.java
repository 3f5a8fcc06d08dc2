package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A harness's results as pretty-printed JSON, its folder created first. */
final class ResultFile {

    private ResultFile() {
    }

    static void write(Path out, JsonNode result) throws IOException {
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
    }
}
