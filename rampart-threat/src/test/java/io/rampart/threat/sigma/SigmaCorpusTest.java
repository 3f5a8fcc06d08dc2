package io.rampart.threat.sigma;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.Corpora;
import io.rampart.threat.event.LogFamily;
import org.junit.jupiter.api.Test;

import java.io.IOException;
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
 * Every rule of the SigmaHQ corpus (../shared/corpora/sigma/rules) compiles, except those in
 * sigma/known-failures.txt (path and reason per line; the list may only shrink: a listed rule
 * that compiles fails the test). The shipped set is the same rules. Report:
 * target/rampart-reports/sigma-corpus.json.
 */
class SigmaCorpusTest {

    @Test
    void everyCorpusRuleCompilesOrIsAKnownFailure() throws IOException {
        Path rules = Corpora.corpus("sigma").resolve("rules");
        List<RuleSource> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(rules)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                sources.add(new RuleSource(rules.getParent().relativize(p).toString().replace('\\', '/'), Files.readString(p)));
            }
        }
        RuleSet set = RuleSet.compile(sources, new RuleCompiler());
        Map<String, String> known = KnownFailures.read("/sigma/known-failures.txt");
        Map<String, String> failed = new TreeMap<>();
        set.problems().forEach(p -> failed.put(p.source(), p.message()));

        assertThat(sources).hasSizeGreaterThanOrEqualTo(180);
        assertThat(failed.keySet()).as("rules that fail to compile and are not listed as known failures: %s", failed)
                .isSubsetOf(known.keySet());
        assertThat(known.keySet()).as("listed known failures that now compile (remove them from the list)")
                .isSubsetOf(failed.keySet());
        assertThat(set.total()).isEqualTo(sources.size());
        // Every rule carries the metadata alerts need and selects a log family Rampart reads.
        for (CompiledRule r : set.rules()) {
            assertThat(r.rule().title()).as(r.rule().source()).isNotBlank();
            assertThat(r.rule().id()).as(r.rule().source()).isNotBlank();
            assertThat(r.rule().level()).as(r.rule().source()).isNotNull();
            assertThat(r.families()).as(r.rule().source()).doesNotContain(LogFamily.UNKNOWN).isNotEmpty();
        }
        write(set, sources.size(), failed);
    }

    @Test
    void theShippedRuleSetIsTheCorpus() throws IOException {
        List<RuleSource> shipped = ShippedRules.sigmaHq();
        Path rules = Corpora.corpus("sigma").resolve("rules");
        long files;
        try (Stream<Path> s = Files.walk(rules)) {
            files = s.filter(f -> f.toString().endsWith(".yml")).count();
        }
        assertThat(shipped).hasSize((int) files);
        RuleSource first = shipped.get(0);
        assertThat(Files.readString(rules.getParent().resolve(first.name()))).isEqualTo(first.yaml());
        assertThat(ShippedRules.index().path("commit").asText())
                .isEqualTo(Files.readString(Corpora.corpus("sigma").resolve("SOURCE_COMMIT")).strip());
    }

    private static void write(RuleSet set, int files, Map<String, String> failed) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode();
        report.put("files", files);
        report.put("rules", set.total());
        report.put("compiled", set.compiled());
        Map<String, Integer> perFamily = new LinkedHashMap<>();
        for (CompiledRule r : set.rules()) {
            for (LogFamily f : r.families()) {
                perFamily.merge(f.name(), 1, Integer::sum);
            }
        }
        report.set("perFamily", json.valueToTree(perFamily));
        report.set("failures", json.valueToTree(failed));
        Path out = Corpora.reports().resolve("sigma-corpus.json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(report), StandardCharsets.UTF_8);
    }

    @Test
    void rampartsOwnRulesCompileAndCarryTheirLicense() {
        RuleSet set = ShippedRules.compile();
        assertThat(set.problems()).isEmpty();
        assertThat(set.total()).isEqualTo(ShippedRules.sigmaHq().size() + ShippedRules.rampart().size());
        assertThat(set.correlations()).extracting(c -> c.meta().title()).containsExactly("Role Assignment, Policy Removal and Public Exposure by One Caller");
        assertThat(set.rules()).filteredOn(r -> r.rule().source().startsWith("rampart-rules/"))
                .allSatisfy(r -> assertThat(r.rule().license()).isEqualTo("Apache-2.0")).hasSize(2);
    }
}
