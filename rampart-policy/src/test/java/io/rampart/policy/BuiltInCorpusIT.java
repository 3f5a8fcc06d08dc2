package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in library is the conformance floor: every file under policyDefinitions must parse and
 * at least 99.5% must compile; the rest are listed in builtins/known-failures.txt with a reason
 * (the list may only shrink). Writes a report to target/rampart-reports/builtin-compile.json.
 */
class BuiltInCorpusIT {

    @Test
    void everyBuiltInParsesAndAlmostAllCompile() throws IOException {
        Path root = SharedCorpora.corpus("azure-policy").resolve("built-in-policies").resolve("policyDefinitions");
        PolicyEngine engine = new PolicyEngine(SharedCorpora.aliases());
        Map<String, String> known = knownFailures();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        int parsed = 0;
        int compiled = 0;
        int inferredAliasFiles = 0;
        List<String> parseFailures = new ArrayList<>();
        Map<String, String> compileFailures = new TreeMap<>();
        Map<String, Integer> diagnosticsByCode = new TreeMap<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            JsonNode json;
            try {
                json = TestFiles.read(f);
                parsed++;
            } catch (JsonInputException e) {
                parseFailures.add(rel + ": " + e.getMessage());
                continue;
            }
            Parsed<CompiledPolicy> c = engine.compile(json, rel);
            c.diagnostics().forEach(d -> diagnosticsByCode.merge(d.severity() + " " + d.code(), 1, Integer::sum));
            if (c.diagnostics().stream().anyMatch(d -> d.code().equals("inferred-alias"))) {
                inferredAliasFiles++;
            }
            if (c.ok()) {
                compiled++;
            } else {
                compileFailures.put(rel, c.errors().toString());
            }
        }
        ObjectNode report = Values.object();
        report.put("files", files.size());
        report.put("parsed", parsed);
        report.put("compiled", compiled);
        report.put("compiledPercent", 100.0 * compiled / files.size());
        report.put("filesWithInferredAliases", inferredAliasFiles);
        ObjectNode codes = report.putObject("diagnosticsByCode");
        diagnosticsByCode.forEach(codes::put);
        ObjectNode failures = report.putObject("compileFailures");
        compileFailures.forEach(failures::put);
        Reports.write("builtin-compile.json", report);

        assertThat(parseFailures).as("every built-in must parse").isEmpty();
        assertThat(compileFailures.keySet()).as("compile failures not in known-failures.txt: " + compileFailures)
                .isSubsetOf(known.keySet());
        List<String> fixed = new ArrayList<>(known.keySet());
        fixed.removeAll(compileFailures.keySet());
        assertThat(fixed).as("these compile now: remove them from builtins/known-failures.txt").isEmpty();
        assertThat(100.0 * compiled / files.size()).isGreaterThanOrEqualTo(99.5);
    }

    static Map<String, String> knownFailures() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (InputStream in = BuiltInCorpusIT.class.getResourceAsStream("/builtins/known-failures.txt")) {
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
        }
        return out;
    }
}
