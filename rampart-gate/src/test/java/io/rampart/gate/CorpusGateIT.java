package io.rampart.gate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import io.rampart.template.DeploymentContext;
import io.rampart.template.TemplateProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate over whole corpora, as {@code rampart template check FOLDER} runs it (folder discovery,
 * sibling parameters files, generated values for missing required parameters, the default
 * benchmark initiative): the templates that fail are exactly those in rampart-template's
 * known-failures lists for its own sweeps, so the figures users see from the CLI are the ones the
 * engine's tests promise (quickstarts at least 98%, verified modules at least 95%). No template
 * may fail with an internal error. Writes target/rampart-reports/gate-corpus-NAME.json.
 */
class CorpusGateIT {

    @ParameterizedTest
    @CsvSource({"arm-quickstarts, quickstarts, 1180, 98.0", "avm-modules, avm, 573, 95.0"})
    void theCliFiguresMatchTheEngineSweeps(String corpus, String knownList, int files, double minPercent) {
        Path root = SharedCorpora.corpus(corpus);
        TemplateFiles.Selection selection = TemplateFiles.collect(List.of(root.toString()));
        List<TemplateInput> inputs = new ArrayList<>();
        for (Path t : selection.templates()) {
            inputs.add(TemplateFiles.read(t, null, root, null, DeploymentContext.defaults()));
        }
        TemplateCheck check = new TemplateCheck(Gate.selector().select(List.of()), Expander.engine(Gate.CLOCK), Gate.CLOCK);
        CheckReport report = check.run(inputs, FailOn.NONE, TemplateCheck.Listener.NONE);

        Map<String, String> failed = new TreeMap<>();
        List<String> internal = new ArrayList<>();
        int resources = 0;
        int findings = 0;
        for (TemplateReport t : report.templates()) {
            String rel = root.relativize(Path.of(t.file()).toAbsolutePath().normalize()).toString().replace('\\', '/');
            if (t.failed()) {
                TemplateProblem p = t.problems().stream().filter(TemplateProblem::error).findFirst().orElseThrow();
                failed.put(rel, p.code() + ": " + p.message());
                if (TemplateCheck.INTERNAL_ERROR.equals(p.code())) {
                    internal.add(rel + ": " + p.message());
                }
            } else {
                resources += t.resources().size();
                findings += t.findings().size();
            }
        }
        int expanded = report.templates().size() - failed.size();
        double percent = 100.0 * expanded / report.templates().size();
        ObjectNode r = Values.object();
        r.put("templates", report.templates().size());
        r.put("expanded", expanded);
        r.put("expandedPercent", percent);
        r.put("resources", resources);
        r.put("findings", findings);
        ObjectNode f = r.putObject("failed");
        failed.forEach(f::put);
        Reports.write("gate-corpus-" + knownList + ".json", r);
        System.out.printf("gate over %s: %d templates, %d expanded (%.1f%%), %d resources, %d findings%n", corpus,
                report.templates().size(), expanded, percent, resources, findings);

        assertThat(internal).as("internal errors").isEmpty();
        assertThat(report.templates()).hasSize(files);
        assertThat(new TreeSet<>(failed.keySet())).as("failures: %s", failed).isEqualTo(knownFailures(knownList));
        assertThat(percent).isGreaterThanOrEqualTo(minPercent);
    }

    /** rampart-template's list for the same corpus (paths before " — "). */
    private static TreeSet<String> knownFailures(String name) {
        Path list = Path.of("..", "rampart-template", "src", "test", "resources", name, "known-failures.txt");
        try {
            TreeSet<String> out = new TreeSet<>();
            for (String line : Files.readAllLines(list)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.substring(0, line.indexOf(" — ")).trim());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
