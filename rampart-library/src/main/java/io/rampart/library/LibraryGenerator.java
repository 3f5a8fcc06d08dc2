package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.alias.AliasTable;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Generates the built-in library that ships in this module's jar from the public corpora:
 * <ul>
 *   <li>{@code definitions.jsonl.gz} / {@code initiatives.jsonl.gz}: Azure's public-cloud built-in
 *       policy definitions and initiatives (Azure/azure-policy, MIT), one minified document a line;
 *       the sovereign-cloud copies under "Azure Government" are left out;</li>
 *   <li>{@code index.json}: name, id, display name, category, mode, version of each, for fast listing;</li>
 *   <li>{@code aliases.tsv.gz}: the alias table in Rampart's compact form.</li>
 * </ul>
 * Output is deterministic (sorted) so a regenerated library only differs when the corpus does.
 * Run by the build (process-classes) and by {@code scripts/generate-library}.
 */
public final class LibraryGenerator {

    private LibraryGenerator() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: LibraryGenerator <shared corpora dir> <output dir>");
            System.exit(2);
        }
        Path shared = Path.of(args[0]).toAbsolutePath().normalize();
        Path out = Path.of(args[1]);
        Path builtins = shared.resolve("corpora/azure-policy/built-in-policies");
        Path aliasCsv = shared.resolve("corpora/aliases/policy-aliases.csv");
        if (!Files.isDirectory(builtins) || !Files.isRegularFile(aliasCsv)) {
            System.err.println("rampart: the shared corpora were not found at " + shared
                    + " (expected corpora/azure-policy and corpora/aliases). Build from a checkout that has ../shared, or pass -Drampart.shared=<dir>.");
            System.exit(2);
        }
        Files.createDirectories(out);
        ObjectNode index = Values.object();
        ObjectNode source = index.putObject("source");
        source.put("repository", "Azure/azure-policy");
        Path commit = shared.resolve("corpora/azure-policy/SOURCE_COMMIT");
        source.put("commit", Files.exists(commit) ? Files.readString(commit).strip() : "");
        source.put("license", "MIT");

        List<Doc> definitions = read(builtins.resolve("policyDefinitions"));
        List<Doc> initiatives = read(builtins.resolve("policySetDefinitions"));
        write(out.resolve("definitions.jsonl.gz"), definitions);
        write(out.resolve("initiatives.jsonl.gz"), initiatives);
        index.set("definitions", entries(definitions));
        index.set("initiatives", entries(initiatives));
        Json.MAPPER.writeValue(out.resolve("index.json").toFile(), index);

        AliasTable aliases;
        try (var reader = Files.newBufferedReader(aliasCsv, StandardCharsets.UTF_8)) {
            aliases = AliasTable.readCsv(reader, aliasCsv.toString());
        }
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(out.resolve("aliases.tsv.gz")));
             Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            w.write("# Rampart alias table, generated from policy-aliases.csv (MIT). T<tab>type opens a type; ~. = properties.\n");
            aliases.writeCompact(w);
        }
        System.out.println("rampart library: " + definitions.size() + " definitions, " + initiatives.size() + " initiatives, "
                + aliases.size() + " aliases -> " + out);
    }

    private record Doc(String name, String category, String file, JsonNode json) {
    }

    private static List<Doc> read(Path dir) throws IOException {
        List<Doc> docs = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("Azure Government/")) {
                    continue; // sovereign-cloud copies of public definitions
                }
                JsonNode json;
                try {
                    json = JsonFiles.read(f);
                } catch (JsonInputException e) {
                    throw new IllegalStateException("built-in " + rel + " does not parse: " + e.getMessage(), e);
                }
                String name = Json.text(json, "name");
                if (name == null) {
                    throw new IllegalStateException("built-in " + rel + " has no name");
                }
                docs.add(new Doc(name, rel.substring(0, Math.max(0, rel.indexOf('/'))), rel, json));
            }
        }
        docs.sort(Comparator.comparing(d -> d.name().toLowerCase(Locale.ROOT)));
        return docs;
    }

    private static void write(Path file, List<Doc> docs) throws IOException {
        try (OutputStream os = new GZIPOutputStream(Files.newOutputStream(file));
             Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8)) {
            for (Doc d : docs) {
                w.write(Values.toJson(d.json()));
                w.write('\n');
            }
        }
    }

    private static ArrayNode entries(List<Doc> docs) {
        ArrayNode a = Values.array();
        for (int i = 0; i < docs.size(); i++) {
            Doc d = docs.get(i);
            JsonNode props = Json.get(d.json(), "properties");
            ObjectNode e = a.addObject();
            e.put("name", d.name());
            e.put("id", Json.text(d.json(), "id"));
            e.put("displayName", Json.text(props, "displayName"));
            JsonNode metadata = Json.get(props, "metadata");
            String category = metadata == null ? null : Json.text(metadata, "category");
            e.put("category", category != null ? category : d.category());
            String mode = Json.text(props, "mode");
            if (mode != null) {
                e.put("mode", mode);
            }
            String version = Json.text(props, "version");
            if (version == null && metadata != null) {
                version = Json.text(metadata, "version");
            }
            e.put("version", version);
            e.put("file", d.file());
            e.put("line", i);
        }
        return a;
    }
}
