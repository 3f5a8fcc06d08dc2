package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** File access for the corpus sweeps (the engine itself reads no files). */
final class CorpusFiles {

    private static final ObjectMapper STRICT = new ObjectMapper();

    private CorpusFiles() {
    }

    static List<Path> find(Path root, String fileName) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equalsIgnoreCase(fileName)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (IOException e) {
            // not UTF-8: read as Latin-1 so the parser, not the reader, reports it
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            } catch (IOException again) {
                throw new UncheckedIOException(again);
            }
        }
    }

    static TemplateSource parse(Path file) {
        return TemplateSource.parse(text(file), file.toString());
    }

    /** True when the text is strict JSON (no comments, no raw line breaks in strings). */
    static boolean strictJson(String text) {
        try {
            STRICT.readTree(text);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The scope a template's $schema names (deploy-to-*.md). */
    static DeploymentScope scope(JsonNode root) {
        String schema = Json.text(root, "$schema");
        String s = schema == null ? "" : schema.toLowerCase(Locale.ROOT);
        if (s.contains("subscriptiondeploymenttemplate")) {
            return DeploymentScope.SUBSCRIPTION;
        }
        if (s.contains("managementgroupdeploymenttemplate")) {
            return DeploymentScope.MANAGEMENT_GROUP;
        }
        if (s.contains("tenantdeploymenttemplate")) {
            return DeploymentScope.TENANT;
        }
        return DeploymentScope.RESOURCE_GROUP;
    }

    /** Linked templates read from disk relative to the linking file. */
    static LinkedTemplates linked() {
        return (from, relativePath) -> {
            Path base = Path.of(from).getParent();
            Path p = (base == null ? Path.of(relativePath) : base.resolve(relativePath.replace('\\', '/'))).normalize();
            if (!Files.isRegularFile(p)) {
                return null;
            }
            return parse(p);
        };
    }

    /** A checked-in known-failure list: "key — reason" lines; every entry needs a reason. */
    static Map<String, String> knownFailures(String resource) {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = CorpusFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                return out;
            }
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int sep = l.indexOf(" — ");
                assertThat(sep).as("known failure without a reason: " + l).isPositive();
                out.put(l.substring(0, sep).strip(), l.substring(sep + 3).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Reads a parameters file's values: {"value": v} unwrapped, a Key Vault {"reference": ...} kept. */
    static Map<String, JsonNode> parameterFile(Path file) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = Json.read(text(file), file.toString());
        } catch (JsonInputException e) {
            return out;
        }
        JsonNode ps = Json.get(root, "parameters");
        if (ps == null || !ps.isObject()) {
            return out;
        }
        ps.fields().forEachRemaining(e -> {
            JsonNode p = e.getValue();
            JsonNode v = Json.get(p, "value");
            if (v != null) {
                out.put(e.getKey(), v);
            } else if (Json.get(p, "reference") != null) {
                out.put(e.getKey(), p);
            }
        });
        return out;
    }
}
