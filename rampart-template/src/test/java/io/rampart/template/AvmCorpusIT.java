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
import java.util.TreeMap;

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
        Map<String, String> known = CorpusFiles.knownFailures("/avm/known-failures.txt");
        TemplateEngine engine = new TemplateEngine(Templates.CLOCK);
        int expanded = 0;
        int symbolic = 0;
        int resources = 0;
        int existing = 0;
        int nestedResources = 0;
        List<String> parseFailures = new ArrayList<>();
        Map<String, String> failures = new TreeMap<>();
        Map<String, Integer> failuresByCode = new TreeMap<>();
        Map<String, Integer> warningsByCode = new TreeMap<>();
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
            Expansion e = engine.expand(source, params, CorpusFiles.scope(source.root()), Templates.CONTEXT, CorpusFiles.linked());
            e.problems().stream().filter(p -> !p.error()).forEach(p -> warningsByCode.merge(p.code(), 1, Integer::sum));
            if (e.ok()) {
                expanded++;
                resources += e.resources().size();
                existing += (int) e.resources().stream().filter(ExpandedResource::existing).count();
                nestedResources += (int) e.resources().stream().filter(r -> !r.deploymentPath().isEmpty()).count();
            } else {
                TemplateProblem p = e.problems().stream().filter(TemplateProblem::error).findFirst().orElseThrow();
                failures.put(rel, p.code() + ": " + p);
                failuresByCode.merge(p.code(), 1, Integer::sum);
            }
        }
        ObjectNode report = Values.object();
        report.put("files", files.size());
        report.put("languageVersion2", symbolic);
        report.put("expanded", expanded);
        report.put("expandedPercent", 100.0 * expanded / files.size());
        report.put("resources", resources);
        report.put("existingResources", existing);
        report.put("resourcesFromNestedDeployments", nestedResources);
        report.put("seconds", (System.nanoTime() - started) / 1e9);
        ObjectNode byCode = report.putObject("failuresByCode");
        failuresByCode.forEach(byCode::put);
        ObjectNode warnings = report.putObject("warningsByCode");
        warningsByCode.forEach(warnings::put);
        ObjectNode fails = report.putObject("failures");
        failures.forEach(fails::put);
        Reports.write("template-avm.json", report);

        assertThat(parseFailures).as("every module must parse").isEmpty();
        assertThat(failures.keySet()).as("expansion failures not in avm/known-failures.txt: " + failures)
                .isSubsetOf(known.keySet());
        List<String> fixed = new ArrayList<>(known.keySet());
        fixed.removeAll(failures.keySet());
        assertThat(fixed).as("these expand now: remove them from avm/known-failures.txt").isEmpty();
        assertThat(100.0 * expanded / files.size()).isGreaterThanOrEqualTo(95.0);
    }
}
