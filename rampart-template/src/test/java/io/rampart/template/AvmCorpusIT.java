package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At least 95% of the Azure Verified Modules' compiled main.json (most of them languageVersion
 * 2.0: symbolic names, user-defined types and functions, nested module deployments) expand, their
 * required parameters filled by {@link GeneratedParameters}. The rest are listed in
 * avm/known-failures.txt with a reason. Writes target/rampart-reports/template-avm.json.
 */
class AvmCorpusIT {

    @Test
    void almostAllVerifiedModulesExpand() {
        Path root = SharedCorpora.corpus("avm-modules");
        List<Path> files = CorpusFiles.find(root, "main.json");
        CorpusSweep sweep = new CorpusSweep("/avm/known-failures.txt");
        TemplateEngine engine = new TemplateEngine(Templates.CLOCK);
        int symbolic = 0;
        List<String> parseFailures = new ArrayList<>();
        long started = System.nanoTime();
        for (Path f : files) {
            String rel = root.relativize(f).toString().replace('\\', '/');
            TemplateSource source;
            try {
                source = CorpusFiles.parse(f);
            } catch (JsonInputException e) {
                parseFailures.add(rel + ": " + e.getMessage());
                continue;
            }
            String lv = Json.text(source.root(), "languageVersion");
            if (lv != null && lv.startsWith("2")) {
                symbolic++;
            }
            // the parameters `rampart template check` gives a module without a parameters file
            Map<String, JsonNode> params = TemplateParameters.prepare(source.root(), Map.of(), Templates.CONTEXT, false).values();
            sweep.record(rel, engine.expand(source, params, CorpusFiles.scope(source.root()), Templates.CONTEXT, CorpusFiles.linked()));
        }
        ObjectNode report = Values.object();
        report.put("files", files.size());
        report.put("languageVersion2", symbolic);
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        sweep.report(report, files.size());
        Reports.write("template-avm.json", report);

        assertThat(parseFailures).as("every module must parse").isEmpty();
        sweep.check(files.size(), 95.0);
    }
}
