package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON test files (the engine itself does no file I/O). */
public final class TestFiles {

    private TestFiles() {
    }

    public static JsonNode read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Json.read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
