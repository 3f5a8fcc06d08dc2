package io.rampart.template;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tally the corpus sweeps keep (expanded templates, their resources, failures by file and by
 * code, warnings by code) and the checks they share: every failure is a known one with a reason,
 * every known one still fails (the list may only shrink), and the expanded share meets the floor.
 */
final class CorpusSweep {

    private final String knownFailuresFile;
    private final Map<String, String> known;
    private int files;
    private int expanded;
    private int resources;
    private int existing;
    private int nestedResources;
    private final Map<String, String> failures = new TreeMap<>();
    private final Map<String, Integer> failuresByCode = new TreeMap<>();
    private final Map<String, Integer> warningsByCode = new TreeMap<>();

    /** @param knownFailuresFile a test resource, e.g. {@code /avm/known-failures.txt} */
    CorpusSweep(String knownFailuresFile) {
        this.knownFailuresFile = knownFailuresFile;
        this.known = CorpusFiles.knownFailures(knownFailuresFile);
    }

    /** One template's expansion, under its path relative to the corpus. */
    void record(String rel, Expansion e) {
        files++;
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

    /** Adds the tally to a report; {@code total} counts the files that did not parse too. */
    void report(ObjectNode report, int total) {
        report.put("expanded", expanded);
        report.put("expandedPercent", 100.0 * expanded / total);
        report.put("resources", resources);
        report.put("existingResources", existing);
        report.put("resourcesFromNestedDeployments", nestedResources);
        ObjectNode byCode = report.putObject("failuresByCode");
        failuresByCode.forEach(byCode::put);
        ObjectNode warnings = report.putObject("warningsByCode");
        warningsByCode.forEach(warnings::put);
        ObjectNode fails = report.putObject("failures");
        failures.forEach(fails::put);
    }

    /** The known-failures list is exact and at least {@code minPercent} of {@code total} templates expand. */
    void check(int total, double minPercent) {
        assertThat(failures.keySet()).as("expansion failures not in " + knownFailuresFile + ": " + failures)
                .isSubsetOf(known.keySet());
        List<String> fixed = new ArrayList<>(known.keySet());
        fixed.removeAll(failures.keySet());
        assertThat(fixed).as("these expand now: remove them from " + knownFailuresFile).isEmpty();
        assertThat(100.0 * expanded / total).isGreaterThanOrEqualTo(minPercent);
    }
}
