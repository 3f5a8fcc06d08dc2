package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON files the way Azure reads policies and templates (see {@link Json}); the engine itself does no file I/O. */
public final class JsonFiles {

    private JsonFiles() {
    }

    /**
     * @throws JsonInputException naming the file (and line/column) when it can't be read or parsed
     */
    public static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.read(in, file.toString());
        } catch (IOException e) {
            throw new JsonInputException(file.toString(), 0, 0, "cannot be read: " + e.getMessage());
        }
    }
}
