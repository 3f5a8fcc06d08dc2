package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON file of arm-ttk's unit tests (Pass/ and Fail/ templates per rule, many of them odd
 * on purpose) either parses or fails with a {@link JsonInputException} naming the file, line and
 * column; every template among them expands or reports problems located in a file — never
 * another exception, never an internal error. Writes target/rampart-reports/template-arm-ttk.json.
 */
class ArmTtkCorpusIT {

    @Test
    void everyTtkFileParsesOrFailsClearly() throws IOException {
        Path root = SharedCorpora.corpus("arm-ttk").resolve("unit-tests");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return Files.isRegularFile(p) && (n.endsWith(".json") || n.endsWith(".jsonc"));
            }).sorted().toList();
        }
        TemplateEngine engine = new TemplateEngine(Templates.CLOCK);
        int parsed = 0;
        int notJson = 0;
        int templates = 0;
        int expanded = 0;
        List<String> unclear = new ArrayList<>();
        Map<String, Integer> problemsByCode = new TreeMap<>();
        Map<String, String> parseErrors = new TreeMap<>();
        Map<String, List<String>> examples = new TreeMap<>();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            TemplateSource source;
            try {
                source = CorpusFiles.parse(f);
                parsed++;
            } catch (JsonInputException e) {
                notJson++;
                parseErrors.put(rel, e.getMessage());
                if (!e.getMessage().startsWith(f.toString()) || e.line() <= 0) {
                    unclear.add(rel + ": parse error without file and line: " + e.getMessage());
                }
                continue;
            } catch (RuntimeException e) {
                unclear.add(rel + ": " + e);
                continue;
            }
            if (!isTemplate(source.root())) {
                continue;
            }
            templates++;
            try {
                Map<String, JsonNode> params = GeneratedParameters.required(source.root(), Templates.CONTEXT);
                Expansion e = engine.expand(source, params, CorpusFiles.scope(source.root()), Templates.CONTEXT, CorpusFiles.linked());
                if (e.ok()) {
                    expanded++;
                }
                for (TemplateProblem p : e.problems()) {
                    problemsByCode.merge(p.code(), 1, Integer::sum);
                    examples.computeIfAbsent(p.code(), k -> new ArrayList<>());
                    if (examples.get(p.code()).size() < 5) {
                        examples.get(p.code()).add(rel + " " + p.location().jsonPath() + ": " + p.message());
                    }
                    if (p.code().equals(Codes.INTERNAL_ERROR) || p.location() == null || p.location().file() == null
                            || p.location().jsonPath() == null || p.message() == null || p.message().isBlank()) {
                        unclear.add(rel + ": " + p);
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                unclear.add(rel + ": expand threw " + e);
            }
        }
        ObjectNode report = Values.object();
        report.put("files", files.size());
        report.put("parsed", parsed);
        report.put("notJson", notJson);
        report.put("templates", templates);
        report.put("expandedWithoutError", expanded);
        ObjectNode codes = report.putObject("problemsByCode");
        problemsByCode.forEach(codes::put);
        ObjectNode errors = report.putObject("parseErrors");
        parseErrors.forEach(errors::put);
        report.putPOJO("unclear", unclear);
        report.putPOJO("examplesByCode", examples);
        Reports.write("template-arm-ttk.json", report);

        assertThat(unclear).as("files that neither parse nor fail clearly").isEmpty();
        assertThat(parsed + notJson).isEqualTo(files.size());
    }

    /** A deployment template (not a parameters file or createUiDefinition). */
    private static boolean isTemplate(JsonNode root) {
        if (!root.isObject()) {
            return false;
        }
        String schema = Json.text(root, "$schema");
        if (schema != null) {
            return schema.toLowerCase(Locale.ROOT).contains("deploymenttemplate");
        }
        return Json.get(root, "resources") != null;
    }
}
