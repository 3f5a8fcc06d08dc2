package io.rampart.threat.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.rampart.threat.Corpora;
import io.rampart.threat.Detect;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.event.Origin;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.KnownFailures;
import io.rampart.threat.sigma.LogSourceSpec;
import io.rampart.threat.sigma.RuleCompiler;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.RuleSource;
import io.rampart.threat.sigma.SigmaRule;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one runner of the detection suites:
 * <ul>
 * <li>{@code conformance/modifiers.yml} and {@code conformance/correlations.yml}: Sigma semantics
 *     from the specification (modifiers, wildcards, escaping, null, conditions, correlations);</li>
 * <li>{@code detection-cases/*.yml}: hand-written records per log family, from each source's
 *     documentation, a match and a near miss per family;</li>
 * <li>generated: for every shipped rule, a positive event, near misses and (with a filter) a
 *     filtered event built from the rule's own detection by {@link EventSynthesizer}; rules the
 *     generator can't satisfy are listed in {@code detection-cases/generated-known-failures.txt}.</li>
 * </ul>
 */
class DetectionSuiteTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final AtomicInteger GENERATED = new AtomicInteger();
    private static final AtomicInteger GENERATED_RULES = new AtomicInteger();

    @TestFactory
    List<DynamicNode> conformance() throws IOException {
        JsonNode cases = yaml("/conformance/modifiers.yml").get("cases");
        List<DynamicNode> out = new ArrayList<>();
        RuleCompiler compiler = new RuleCompiler();
        for (JsonNode c : cases) {
            out.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                SigmaRule rule = new SigmaRule("case", "case", null, null, null, null, null, null, List.of(), List.of(), null,
                        LogSourceSpec.ANY, c.get("detection"), List.of(), null, "modifiers.yml");
                RuleCompiler.Result r = compiler.compile(rule);
                String expect = c.get("expect").asText();
                if (expect.equals("compile-error")) {
                    assertThat(r).as(c.get("spec").asText()).isInstanceOf(RuleCompiler.Failed.class);
                    assertThat(((RuleCompiler.Failed) r).problem().message()).isNotBlank();
                    return;
                }
                assertThat(r).as("compiles: %s", r).isInstanceOf(RuleCompiler.Compiled.class);
                CompiledRule compiled = ((RuleCompiler.Compiled) r).rule();
                LogEvent event = new LogEvent(LogFamily.AWS_CLOUDTRAIL, c.get("event"), null, new Origin("case", 1));
                assertThat(compiled.matcher().test(new EventFields(event))).as(c.get("spec").asText()).isEqualTo(Boolean.parseBoolean(expect));
            }));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> correlations() throws IOException {
        List<DynamicNode> out = new ArrayList<>();
        for (JsonNode c : yaml("/conformance/correlations.yml").get("cases")) {
            out.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                RuleSet set = RuleSet.compile(List.of(new RuleSource("correlations.yml", c.get("rules").asText())), new RuleCompiler());
                assertThat(set.problems()).isEmpty();
                assertThat(set.correlations()).hasSize(1);
                DetectionSession s = new DetectionSession(new DetectionEngine(set), DetectionOptions.defaults(),
                        Clock.fixed(Detect.NOW, ZoneOffset.UTC), List.of());
                int line = 0;
                for (JsonNode e : c.get("events")) {
                    s.accept(EventClassifier.event(e, new Origin("case", ++line)));
                }
                DetectionResult r = s.finish();
                String corrId = set.correlations().get(0).meta().id();
                long corr = r.alerts().stream().filter(a -> a.rule().id().equals(corrId)).count();
                long base = r.alerts().stream().filter(a -> !a.rule().id().equals(corrId)).mapToLong(SecurityAlert::count).sum();
                assertThat(corr).as("correlation alerts (%s)", c.get("spec").asText()).isEqualTo(c.at("/expect/correlationAlerts").asLong());
                assertThat(base).as("base-rule alerts (generate: false silences them)").isEqualTo(c.at("/expect/baseAlerts").asLong());
            }));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> handWrittenPerLogSource() throws IOException {
        List<DynamicNode> out = new ArrayList<>();
        for (String file : List.of("aws-cloudtrail.yml", "azure-activity.yml", "entra-signin.yml", "entra-audit.yml", "entra-risk.yml", "gcp-audit.yml")) {
            JsonNode doc = yaml("/detection-cases/" + file);
            LogFamily family = LogFamily.valueOf(doc.get("family").asText());
            DetectionEngine engine = Detect.shipped();
            if (doc.has("rules")) {
                RuleSet extra = RuleSet.compile(List.of(new RuleSource(file, doc.get("rules").asText())), new RuleCompiler());
                assertThat(extra.problems()).isEmpty();
                engine = new DetectionEngine(engine.rules().plus(extra));
            }
            DetectionEngine e = engine;
            List<DynamicNode> tests = new ArrayList<>();
            boolean sawMatch = false, sawMiss = false;
            for (JsonNode c : doc.get("cases")) {
                boolean expect = c.get("expect").asBoolean();
                sawMatch |= expect;
                sawMiss |= !expect;
                tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    LogEvent event = EventClassifier.event(c.get("event"), new Origin(file, 1));
                    assertThat(event.family()).as("recognised log family").isEqualTo(family);
                    List<String> matched = e.matches(event).stream().map(r -> r.rule().key()).toList();
                    if (expect) {
                        assertThat(matched).as("rules that matched").contains(c.get("rule").asText());
                    } else {
                        assertThat(matched).as("rules that matched").doesNotContain(c.get("rule").asText());
                    }
                }));
            }
            assertThat(sawMatch && sawMiss).as(file + " has a match and a near miss").isTrue();
            out.add(DynamicContainer.dynamicContainer(file, tests));
        }
        return out;
    }

    @TestFactory
    List<DynamicNode> generatedFromEachRule() throws IOException {
        Map<String, String> known = KnownFailures.read("/detection-cases/generated-known-failures.txt");
        DetectionEngine engine = Detect.shipped();
        List<DynamicNode> out = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        StringBuilder dump = new StringBuilder();
        for (CompiledRule rule : engine.rules().rules()) {
            String name = rule.rule().source();
            List<String> why = new ArrayList<>();
            List<EventSynthesizer.Generated> generated = EventSynthesizer.generate(rule, why);
            if (generated.isEmpty()) {
                out.add(DynamicTest.dynamicTest(name, () -> assertThat(known).as("the generator cannot satisfy %s (%s) and it is not a known failure", name, why)
                        .containsKey(name)));
                continue;
            }
            GENERATED_RULES.incrementAndGet();
            LogFamily family = rule.families().iterator().next();
            List<DynamicNode> tests = new ArrayList<>();
            for (EventSynthesizer.Generated g : generated) {
                GENERATED.incrementAndGet();
                ObjectNode line = json.createObjectNode().put("rule", name).put("kind", g.kind()).put("expect", g.expectMatch());
                line.set("event", g.event());
                dump.append(json.writeValueAsString(line)).append('\n');
                tests.add(DynamicTest.dynamicTest(g.kind(), () -> {
                    LogEvent event = EventClassifier.event(g.event(), family, new Origin("generated", 1));
                    List<CompiledRule> all = engine.matches(event);
                    boolean matched = all.contains(rule);
                    // The rule index selects exactly what testing every rule of the family finds.
                    assertThat(all).isEqualTo(engine.matchesWithoutIndex(new EventFields(event)));
                    assertThat(matched).as("%s %s of %s: %s (event %s)", g.kind(), g.expectMatch() ? "matches" : "does not match", name, g.note(), g.event())
                            .isEqualTo(g.expectMatch());
                }));
            }
            out.add(DynamicContainer.dynamicContainer(name, tests));
        }
        assertThat(known.keySet()).as("known generator failures that no longer fail").allSatisfy(k ->
                assertThat(engine.rules().rules().stream().filter(r -> r.rule().source().equals(k))
                        .allMatch(r -> EventSynthesizer.generate(r, new ArrayList<>()).isEmpty())).isTrue());
        Path report = Corpora.reports().resolve("generated-detection-cases.jsonl");
        Files.createDirectories(report.getParent());
        Files.writeString(report, dump.toString(), StandardCharsets.UTF_8);
        return out;
    }

    private static JsonNode yaml(String resource) throws IOException {
        try (InputStream in = DetectionSuiteTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return YAML.readTree(in);
        }
    }
}
