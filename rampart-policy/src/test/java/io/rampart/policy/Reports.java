package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test reports (counts, failures by reason) under target/rampart-reports. */
public final class Reports {

    private Reports() {
    }

    public static Path write(String name, JsonNode report) {
        Path dir = Path.of(System.getProperty("rampart.reports", "target/rampart-reports"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name);
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), report);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
