package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every azuredeploy.json of Azure/azure-quickstart-templates parses (the non-strict ones too) and
 * at least 98% expand without error with their azuredeploy.parameters.json, GEN-* placeholders
 * replaced as the quickstart CI does and required parameters without a value generated, as
 * {@code rampart template check} does ({@link TemplateParameters}). The rest are listed in
 * quickstarts/known-failures.txt with a reason (the list may only shrink). Writes
 * target/rampart-reports/template-quickstarts.json.
 */
class QuickstartCorpusIT {

    @Test
    void everyQuickstartParsesAndAlmostAllExpand() {
        Path root = SharedCorpora.corpus("arm-quickstarts");
        List<Path> files = CorpusFiles.find(root, "azuredeploy.json");
        CorpusSweep sweep = new CorpusSweep("/quickstarts/known-failures.txt");
        TemplateEngine engine = new TemplateEngine(Templates.CLOCK);
        int parsed = 0;
        int nonStrict = 0;
        List<String> parseFailures = new ArrayList<>();
        Map<String, String> unresolved = new TreeMap<>();
        long started = System.nanoTime();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            String text = CorpusFiles.text(f);
            if (!CorpusFiles.strictJson(text)) {
                nonStrict++;
            }
            TemplateSource source;
            try {
                source = TemplateSource.parse(text, f.toString());
                parsed++;
            } catch (JsonInputException e) {
                parseFailures.add(rel + ": " + e.getMessage());
                continue;
            }
            Map<String, JsonNode> params = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Path pf = f.resolveSibling("azuredeploy.parameters.json");
            if (Files.isRegularFile(pf)) {
                params.putAll(CorpusFiles.parameterFile(pf));
            }
            Map<String, JsonNode> prepared = TemplateParameters.prepare(source.root(), params, Templates.CONTEXT, false).values();
            Expansion e = engine.expand(source, prepared, CorpusFiles.scope(source.root()), Templates.CONTEXT, CorpusFiles.linked());
            e.problems().stream().filter(p -> p.code().equals("UnresolvedLinkedTemplate"))
                    .forEach(p -> unresolved.merge(rel, p.message(), (x, y) -> x));
            sweep.record(rel, e);
        }
        ObjectNode report = Values.object();
        report.put("files", files.size());
        report.put("parsed", parsed);
        report.put("nonStrictJson", nonStrict);
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        sweep.report(report, files.size());
        report.put("templatesWithUnresolvedLinks", unresolved.size());
        ObjectNode links = report.putObject("unresolvedLinks");
        unresolved.forEach(links::put);
        Reports.write("template-quickstarts.json", report);

        assertThat(parseFailures).as("every quickstart template must parse").isEmpty();
        sweep.check(files.size(), 98.0);
    }
}
