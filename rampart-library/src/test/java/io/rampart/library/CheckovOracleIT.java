package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.Reports;
import io.rampart.policy.SharedCorpora;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A labelled oracle: checkov's ARM check fixtures (shared/corpora/checkov-arm) say which resources
 * pass and fail each check; src/test/resources/checkov/mapping.json maps checks to the built-in
 * policy that decides the same thing. For every labelled resource, checkov "failing" must be the
 * policy's NonCompliant (a resource the policy doesn't target is compliant), except the resources
 * a mapping lists in {@code knownDifferences} with a reason. That list may only shrink: a listed
 * difference that now agrees fails the test. Writes target/rampart-reports/checkov-oracle.json.
 *
 * <p>Labels name resources {@code <type>.<name>} with the name as checkov evaluates it (parameter
 * defaults resolved). A few labels appear in both lists because two fixtures declare a resource of
 * the same name; those are told apart by fixture file name (a file whose name contains "fail" holds
 * the failing one), and a knownDifference for such a resource may add {@code "fixture"}.
 */
class CheckovOracleIT {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);

    record Outcome(String resource, String fixture, String checkov, String policy, String state, String reason, String error,
                   JsonNode trace, List<String> unresolved) {
    }

    @Test
    void builtInPoliciesAgreeWithCheckovLabels() throws IOException {
        Path corpus = SharedCorpora.corpus("checkov-arm");
        JsonNode labels = JsonFiles.read(corpus.resolve("labels.json"));
        JsonNode mappings;
        try (InputStream in = getClass().getResourceAsStream("/checkov/mapping.json")) {
            assertThat(in).as("checkov/mapping.json on the test classpath").isNotNull();
            mappings = Json.read(in, "checkov/mapping.json");
        }
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicyEngine engine = new PolicyEngine(lib.aliases());

        List<String> failures = new ArrayList<>();
        ObjectNode report = Values.object();
        ArrayNode checks = report.putArray("checks");
        int exercised = 0;
        int agreements = 0;
        int disagreements = 0;
        int resourcesEvaluated = 0;

        for (JsonNode m : Json.get(mappings, "mappings")) {
            String check = m.get("check").asText();
            String checkName = m.get("checkName").asText();
            String where = check + " (" + checkName + ")";
            JsonNode label = findLabels(labels, check, checkName);
            if (label == null) {
                failures.add(where + ": no entry in labels.json");
                continue;
            }
            var entry = lib.findDefinition(m.get("policy").asText());
            if (entry.isEmpty()) {
                failures.add(where + ": built-in " + m.get("policy").asText() + " is not in the library");
                continue;
            }
            Parsed<CompiledPolicy> compiled = engine.compile(lib.definition(entry.get()));
            if (!compiled.ok()) {
                failures.add(where + ": built-in does not compile: " + compiled.errors());
                continue;
            }
            Map<String, JsonNode> params = new LinkedHashMap<>();
            m.get("parameters").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue()));
            Parsed<BoundPolicy> bound = compiled.value().bind(params);
            if (!bound.ok()) {
                failures.add(where + ": built-in does not bind with " + params + ": " + bound.errors());
                continue;
            }

            List<FixtureTemplate.Resource> resources = new ArrayList<>();
            for (JsonNode f : label.get("fixtures")) {
                resources.addAll(FixtureTemplate.resources(corpus.resolve(f.asText())));
            }
            List<Outcome> outcomes = new ArrayList<>();
            Set<String> passing = texts(label.get("passing"));
            Set<String> failing = texts(label.get("failing"));
            Set<String> all = new LinkedHashSet<>(passing);
            all.addAll(failing);
            for (String l : all) {
                List<FixtureTemplate.Resource> matched = match(resources, l);
                if (matched.isEmpty()) {
                    failures.add(where + ": the helper extracted no resource for label " + l + " from " + label.get("fixtures"));
                    continue;
                }
                boolean ambiguous = passing.contains(l) && failing.contains(l);
                if (ambiguous && matched.stream().map(r -> fileSaysFail(r.fixture())).distinct().count() < 2) {
                    failures.add(where + ": label " + l + " is both passing and failing and the fixture names don't tell them apart");
                    continue;
                }
                for (FixtureTemplate.Resource r : matched) {
                    boolean expectFail = ambiguous ? fileSaysFail(r.fixture()) : failing.contains(l);
                    EvaluationResult result = bound.value().evaluate(r.resource(), environment(r), true);
                    resourcesEvaluated++;
                    boolean nonCompliant = result.complianceState() == ComplianceState.NON_COMPLIANT;
                    outcomes.add(new Outcome(l, r.fixture(), expectFail ? "failing" : "passing",
                            nonCompliant ? "non-compliant" : "compliant", result.complianceState().displayName(), result.reason(),
                            result.error() == null ? null : result.error().message(),
                            Json.MAPPER.valueToTree(result.evaluatedExpressions()), unresolved(r.resource())));
                }
            }
            if (!outcomes.isEmpty()) {
                exercised++;
            }

            // Compare with the hand-made predictions.
            List<JsonNode> known = new ArrayList<>();
            Json.get(m, "knownDifferences").forEach(known::add);
            boolean[] used = new boolean[known.size()];
            ObjectNode c = checks.addObject();
            c.put("check", check);
            c.put("checkName", checkName);
            c.put("policy", m.get("policy").asText());
            c.put("policyDisplayName", entry.get().displayName());
            ArrayNode agreed = c.putArray("agreements");
            ArrayNode differed = c.putArray("disagreements");
            for (Outcome o : outcomes) {
                boolean agrees = o.checkov().equals("failing") == o.policy().equals("non-compliant");
                if (agrees) {
                    agreements++;
                    ObjectNode a = agreed.addObject();
                    a.put("resource", o.resource());
                    a.put("fixture", o.fixture());
                    a.put("checkov", o.checkov());
                    a.put("policy", o.state());
                    if (!o.unresolved().isEmpty()) {
                        a.set("unresolvedExpressions", Json.MAPPER.valueToTree(o.unresolved()));
                    }
                    continue;
                }
                disagreements++;
                ObjectNode d = differed.addObject();
                d.put("resource", o.resource());
                d.put("fixture", o.fixture());
                d.put("checkov", o.checkov());
                d.put("policy", o.policy());
                d.put("policyState", o.state());
                d.put("policyReason", o.reason());
                if (o.error() != null) {
                    d.put("evaluationError", o.error());
                }
                d.set("evaluatedExpressions", o.trace());
                if (!o.unresolved().isEmpty()) {
                    d.set("unresolvedExpressions", Json.MAPPER.valueToTree(o.unresolved()));
                }
                int k = findKnown(known, o);
                if (k < 0) {
                    d.put("reason", "UNEXPLAINED");
                    failures.add(where + ": " + o.resource() + " [" + o.fixture() + "] checkov " + o.checkov() + " but policy "
                            + o.state() + " (" + o.reason() + (o.error() == null ? "" : "; error " + o.error())
                            + ") - not listed in knownDifferences");
                } else {
                    used[k] = true;
                    d.put("reason", known.get(k).get("reason").asText());
                }
            }
            for (int k = 0; k < known.size(); k++) {
                JsonNode kd = known.get(k);
                if (Json.text(kd, "reason") == null || Json.text(kd, "reason").isBlank()) {
                    failures.add(where + ": knownDifference " + Json.text(kd, "resource") + " has no reason");
                }
                if (!used[k]) {
                    failures.add(where + ": knownDifference " + Json.text(kd, "resource") + " (checkov " + Json.text(kd, "checkov")
                            + ", policy " + Json.text(kd, "policy") + ") no longer happens: remove it from mapping.json");
                }
            }
            c.put("agreementCount", agreed.size());
            c.put("disagreementCount", differed.size());
        }

        report.put("mappings", Json.get(mappings, "mappings").size());
        report.put("mappingsExercised", exercised);
        report.put("resourcesEvaluated", resourcesEvaluated);
        report.put("agreements", agreements);
        report.put("disagreements", disagreements);
        report.set("failures", Json.MAPPER.valueToTree(failures));
        Reports.write("checkov-oracle.json", report);
        System.out.printf("checkov oracle: %d/%d mappings exercised, %d resources, %d agree, %d known differences, %d failures%n",
                exercised, Json.get(mappings, "mappings").size(), resourcesEvaluated, agreements, disagreements, failures.size());

        assertThat(failures).as("oracle failures (see target/rampart-reports/checkov-oracle.json)").isEmpty();
        assertThat(exercised).as("mappings exercised").isGreaterThanOrEqualTo(40);
        assertThat(agreements).as("agreements").isGreaterThan(disagreements);
    }

    private static EvaluationEnvironment environment(FixtureTemplate.Resource r) {
        ObjectNode rc = Values.object();
        rc.put("apiVersion", r.apiVersion() == null ? "" : r.apiVersion());
        rc.set("identity", Values.object());
        return EvaluationEnvironment.builder()
                .clock(CLOCK)
                .resourceGroup(FixtureTemplate.resourceGroup())
                .subscription(FixtureTemplate.subscription())
                .requestContext(rc)
                .build();
    }

    /** labels.json entries by check name (some have no id) or id. */
    private static JsonNode findLabels(JsonNode labels, String id, String checkName) {
        for (JsonNode l : labels) {
            if (checkName.equals(Json.text(l, "check"))) {
                return l;
            }
        }
        for (JsonNode l : labels) {
            if (id.equals(Json.text(l, "id"))) {
                return l;
            }
        }
        return null;
    }

    /** Resources whose type matches (case-insensitively) and whose literal or evaluated name is the label's name. */
    static List<FixtureTemplate.Resource> match(List<FixtureTemplate.Resource> resources, String label) {
        List<FixtureTemplate.Resource> out = new ArrayList<>();
        for (FixtureTemplate.Resource r : resources) {
            String prefix = r.type() + ".";
            if (label.length() <= prefix.length() || !label.substring(0, prefix.length()).equalsIgnoreCase(prefix)) {
                continue;
            }
            String name = label.substring(prefix.length());
            if (name.equals(r.name()) || name.equals(r.literalName())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Expression strings the helper left as written (it can't resolve them without a deployment). */
    private static List<String> unresolved(JsonNode v) {
        List<String> out = new ArrayList<>();
        collectUnresolved(v, out);
        return out;
    }

    private static void collectUnresolved(JsonNode v, List<String> out) {
        if (v.isTextual() && io.rampart.expression.ArmString.isExpression(v.textValue())) {
            out.add(v.textValue());
        }
        v.elements().forEachRemaining(x -> collectUnresolved(x, out));
    }

    private static boolean fileSaysFail(String fixture) {
        return fixture.toLowerCase(Locale.ROOT).contains("fail");
    }

    private static int findKnown(List<JsonNode> known, Outcome o) {
        for (int k = 0; k < known.size(); k++) {
            JsonNode kd = known.get(k);
            if (!o.resource().equals(Json.text(kd, "resource"))) {
                continue;
            }
            String fixture = Json.text(kd, "fixture");
            if (fixture != null && !fixture.equals(o.fixture())) {
                continue;
            }
            if (o.checkov().equals(Json.text(kd, "checkov")) && o.policy().equals(Json.text(kd, "policy"))) {
                return k;
            }
        }
        return -1;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        if (array != null && array.isArray()) {
            for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
                out.add(it.next().asText());
            }
        }
        return out;
    }
}
