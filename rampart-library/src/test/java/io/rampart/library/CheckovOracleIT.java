package io.rampart.library;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.Reports;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
 * {@link CheckovFixtures} reads the corpus and the mapping (shared with rampart-gate's CheckovGateIT).
 */
class CheckovOracleIT {

    record Outcome(String resource, String fixture, String checkov, String policy, String state, String reason, String error,
                   JsonNode trace, List<String> unresolved) {
    }

    @Test
    void builtInPoliciesAgreeWithCheckovLabels() {
        Path corpus = CheckovFixtures.corpus();
        JsonNode labels = CheckovFixtures.labels();
        List<CheckovFixtures.Mapping> mappings = CheckovFixtures.mappings();
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicyEngine engine = new PolicyEngine(lib.aliases());

        List<String> failures = new ArrayList<>();
        ObjectNode report = Values.object();
        ArrayNode checks = report.putArray("checks");
        int exercised = 0;
        int agreements = 0;
        int disagreements = 0;
        int resourcesEvaluated = 0;

        for (CheckovFixtures.Mapping m : mappings) {
            String check = m.check();
            String checkName = m.checkName();
            String where = m.where();
            JsonNode label = CheckovFixtures.findLabels(labels, m);
            if (label == null) {
                failures.add(where + ": no entry in labels.json");
                continue;
            }
            var entry = lib.findDefinition(m.policy());
            if (entry.isEmpty()) {
                failures.add(where + ": built-in " + m.policy() + " is not in the library");
                continue;
            }
            Parsed<CompiledPolicy> compiled = engine.compile(lib.definition(entry.get()));
            if (!compiled.ok()) {
                failures.add(where + ": built-in does not compile: " + compiled.errors());
                continue;
            }
            Parsed<BoundPolicy> bound = compiled.value().bind(m.parameters());
            if (!bound.ok()) {
                failures.add(where + ": built-in does not bind with " + m.parameters() + ": " + bound.errors());
                continue;
            }

            List<FixtureTemplate.Resource> resources = new ArrayList<>();
            for (String f : CheckovFixtures.fixtures(label)) {
                resources.addAll(FixtureTemplate.resources(corpus.resolve(f)));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (CheckovFixtures.Labelled l : CheckovFixtures.labelled(label, resources, where, failures)) {
                FixtureTemplate.Resource r = l.resource();
                EvaluationResult result = bound.value().evaluate(r.resource(), CheckovFixtures.environment(r), true);
                resourcesEvaluated++;
                boolean nonCompliant = result.complianceState() == ComplianceState.NON_COMPLIANT;
                outcomes.add(new Outcome(l.label(), r.fixture(), l.checkov(),
                        nonCompliant ? "non-compliant" : "compliant", result.complianceState().displayName(), result.reason(),
                        result.error() == null ? null : result.error().message(),
                        Json.MAPPER.valueToTree(result.evaluatedExpressions()), unresolved(r.resource())));
            }
            if (!outcomes.isEmpty()) {
                exercised++;
            }

            // Compare with the hand-made predictions.
            List<JsonNode> known = m.knownDifferences();
            boolean[] used = new boolean[known.size()];
            ObjectNode c = checks.addObject();
            c.put("check", check);
            c.put("checkName", checkName);
            c.put("policy", m.policy());
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

        report.put("mappings", mappings.size());
        report.put("mappingsExercised", exercised);
        report.put("resourcesEvaluated", resourcesEvaluated);
        report.put("agreements", agreements);
        report.put("disagreements", disagreements);
        report.set("failures", Json.MAPPER.valueToTree(failures));
        Reports.write("checkov-oracle.json", report);
        System.out.printf("checkov oracle: %d/%d mappings exercised, %d resources, %d agree, %d known differences, %d failures%n",
                exercised, mappings.size(), resourcesEvaluated, agreements, disagreements, failures.size());

        assertThat(failures).as("oracle failures (see target/rampart-reports/checkov-oracle.json)").isEmpty();
        assertThat(exercised).as("mappings exercised").isGreaterThanOrEqualTo(40);
        assertThat(agreements).as("agreements").isGreaterThan(disagreements);
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
}
