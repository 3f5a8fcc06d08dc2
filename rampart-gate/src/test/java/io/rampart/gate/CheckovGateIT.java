package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.library.BuiltInLibrary;
import io.rampart.library.CheckovFixtures;
import io.rampart.library.FixtureTemplate;
import io.rampart.library.JsonFiles;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.Reports;
import io.rampart.template.DeploymentContext;
import io.rampart.template.TemplateProblem;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shift-left gate against the checkov oracle (an acceptance criterion of the gate): every
 * checkov ARM fixture goes through {@link TemplateCheck} with the built-in policy that
 * rampart-library's checkov/mapping.json maps the check to (assigned with the mapping's
 * parameters, the real template engine), and for every labelled resource the gate's verdict
 * must be the verdict of evaluating the resource directly as CheckovOracleIT does
 * ({@link CheckovFixtures}, {@link FixtureTemplate}: same bound policy, same subscription,
 * resource group and location). Differences are allowed only when listed with a reason in
 * src/test/resources/checkov/gate-known-differences.json, a list that may only shrink.
 *
 * <p>Gate verdicts: a NonCompliant check fails, no finding passes; Unknown, Error, a template
 * that does not expand and a labelled resource the expansion lacks are verdicts of their own.
 * Parameters without a defaultValue get values from {@link RequiredParameters} through a
 * parameter file (the gate, like ARM, refuses a deployment without them); the direct evaluation
 * gets the same values. Writes target/rampart-reports/checkov-gate.json, with checkov's label
 * and the direct evaluation without those values (CheckovOracleIT's exactly) for comparison.
 */
class CheckovGateIT {

    /** FixtureTemplate's stand-ins, so that ids, resourceGroup() and locations are the same on both sides. */
    private static final DeploymentContext CONTEXT = new DeploymentContext(FixtureTemplate.SUBSCRIPTION_ID,
            FixtureTemplate.RESOURCE_GROUP, FixtureTemplate.LOCATION, FixtureTemplate.SUBSCRIPTION_ID, "rampart-mg", "fixture");

    /** One labelled resource through both paths. */
    record Row(String check, String label, String fixture, Verdict checkov, Verdict direct, Verdict directDefaultsOnly, Verdict gate,
               String directReason, String gateReason) {
    }

    /** One fixture through the gate, and its resources as the direct evaluation reads them. */
    record Fixture(String file, Map<String, JsonNode> parameters, TemplateReport report, List<FixtureTemplate.Resource> resources,
                   List<FixtureTemplate.Resource> defaultsOnly) {
    }

    @Test
    void gateGivesTheVerdictsOfDirectEvaluation() {
        Path corpus = CheckovFixtures.corpus();
        JsonNode labels = CheckovFixtures.labels();
        BuiltInLibrary lib = BuiltInLibrary.load();
        PolicySelector selector = new PolicySelector(new PolicyEngine(lib.aliases()), lib, PolicyDocuments.NONE);
        KnownDifferences known = KnownDifferences.read("/checkov/gate-known-differences.json");

        List<String> failures = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        ObjectNode report = Values.object();
        ArrayNode checks = report.putArray("checks");
        int fixtures = 0;
        int expanded = 0;
        int withParameters = 0;
        for (CheckovFixtures.Mapping m : CheckovFixtures.mappings()) {
            JsonNode label = CheckovFixtures.findLabels(labels, m);
            if (label == null) {
                failures.add(m.where() + ": no entry in labels.json");
                continue;
            }
            PolicySet policies;
            try {
                policies = selector.select(List.of(new Assignment("checkov-" + m.check(), Assignment.Target.DEFINITION, m.policy(), null,
                        m.parameters(), EnforcementMode.DEFAULT, List.of(), "mapping.json " + m.check())));
            } catch (GateInputException e) {
                failures.add(m.where() + ": the gate can't assign " + m.policy() + ": " + e.lines());
                continue;
            }
            BoundPolicy bound = policies.entries().get(0).policy();
            TemplateCheck gate = new TemplateCheck(policies, Expander.engine(CheckovFixtures.CLOCK), CheckovFixtures.CLOCK);

            Map<String, Fixture> byFile = new LinkedHashMap<>();
            List<FixtureTemplate.Resource> resources = new ArrayList<>();
            for (String f : CheckovFixtures.fixtures(label)) {
                Fixture x = run(gate, corpus.resolve(f));
                byFile.put(x.file(), x);
                resources.addAll(x.resources());
                fixtures++;
                expanded += x.report().failed() ? 0 : 1;
                withParameters += x.parameters().isEmpty() ? 0 : 1;
            }
            ObjectNode c = checks.addObject();
            c.put("check", m.check());
            c.put("checkName", m.checkName());
            c.put("policy", m.policy());
            ArrayNode fx = c.putArray("fixtures");
            byFile.values().forEach(x -> fx.add(describe(x)));
            ArrayNode rs = c.putArray("resources");
            for (CheckovFixtures.Labelled l : CheckovFixtures.labelled(label, resources, m.where(), failures)) {
                Fixture x = byFile.get(l.resource().fixture());
                Row row = compare(m, l, x, bound);
                rows.add(row);
                ObjectNode o = describe(row);
                rs.add(o);
                if (row.gate() != row.direct()) {
                    String reason = known.reason(m.check(), row.label(), row.fixture(), row.gate(), row.direct());
                    o.put("knownDifference", reason == null ? "UNEXPLAINED" : reason);
                    if (reason == null) {
                        failures.add(m.where() + ": " + row.label() + " [" + row.fixture() + "] gate " + row.gate().id() + " ("
                                + row.gateReason() + ") but direct evaluation " + row.direct().id() + " (" + row.directReason()
                                + ") - not listed in checkov/gate-known-differences.json");
                    }
                }
            }
        }
        failures.addAll(known.problems());

        long agree = rows.stream().filter(r -> r.gate() == r.direct()).count();
        long unknown = rows.stream().filter(r -> r.gate() == Verdict.UNKNOWN).count();
        long gateCheckov = rows.stream().filter(r -> r.gate() == r.checkov()).count();
        long directCheckov = rows.stream().filter(r -> r.direct() == r.checkov()).count();
        long parameterSensitive = rows.stream().filter(r -> r.direct() != r.directDefaultsOnly()).count();
        report.put("fixtures", fixtures);
        report.put("fixturesExpanded", expanded);
        report.put("fixturesWithGeneratedParameters", withParameters);
        report.put("resources", rows.size());
        report.put("gateAgreesWithDirect", agree);
        report.put("knownDifferences", rows.size() - agree);
        report.put("gateUnknown", unknown);
        report.put("gateAgreesWithCheckov", gateCheckov);
        report.put("directAgreesWithCheckov", directCheckov);
        report.put("directVerdictsChangedByGeneratedParameters", parameterSensitive);
        report.set("failures", Json.MAPPER.valueToTree(failures));
        Reports.write("checkov-gate.json", report);
        System.out.printf("checkov via gate: %d fixtures (%d expanded, %d with generated parameters), %d resources, %d agree with direct "
                        + "evaluation, %d known differences, %d unknown; checkov labels: gate agrees on %d, direct on %d; %d failures%n",
                fixtures, expanded, withParameters, rows.size(), agree, rows.size() - agree, unknown, gateCheckov, directCheckov,
                failures.size());

        assertThat(failures).as("failures (see target/rampart-reports/checkov-gate.json)").isEmpty();
        assertThat(rows).as("labelled resources compared").hasSizeGreaterThanOrEqualTo(160);
        assertThat(agree).as("resources where the gate agrees with direct evaluation").isGreaterThan(rows.size() / 2);
    }

    /** Checks a fixture through the gate as `rampart template check FIXTURE --parameters generated.json` would. */
    private static Fixture run(TemplateCheck gate, Path file) {
        Map<String, JsonNode> values = RequiredParameters.of(JsonFiles.read(file), CONTEXT.location());
        TemplateInput in = TemplateFiles.read(file, null, file.getParent(), null, CONTEXT);
        if (!values.isEmpty()) {
            in = in.withParameters("generated.parameters.json", RequiredParameters.file(values));
        }
        return new Fixture(file.getFileName().toString(), values, gate.check(in), FixtureTemplate.resources(file, values),
                FixtureTemplate.resources(file));
    }

    private static Row compare(CheckovFixtures.Mapping m, CheckovFixtures.Labelled l, Fixture x, BoundPolicy bound) {
        FixtureTemplate.Resource r = l.resource();
        EvaluationResult direct = bound.evaluate(r.resource(), CheckovFixtures.environment(r), true);
        FixtureTemplate.Resource plain = x.defaultsOnly().get(indexOf(x.resources(), r));
        EvaluationResult oracle = bound.evaluate(plain.resource(), CheckovFixtures.environment(plain), true);
        Verdict gate;
        String gateReason;
        TemplateReport t = x.report();
        List<ResourceRef> deployed = t.resources().stream()
                .filter(ref -> ref.type().equalsIgnoreCase(r.type()) && ref.name().equals(r.name())).toList();
        if (t.failed()) {
            gate = Verdict.NOT_EXPANDED;
            gateReason = TemplateCheck.describe(t.error());
        } else if (deployed.size() != 1) {
            gate = Verdict.NOT_DEPLOYED;
            gateReason = deployed.size() + " resources " + r.type() + " " + r.name() + " among " + t.resources().stream()
                    .map(ResourceRef::label).toList();
        } else {
            Check c = t.checks().stream()
                    .filter(k -> k.resource().id().equals(deployed.get(0).id()) && m.policy().equals(k.policy().definition().name()))
                    .findFirst().orElse(null);
            gate = c == null ? Verdict.PASS : Verdict.of(c.complianceState());
            gateReason = c == null ? "not applicable" : c.finding() == null ? c.complianceState().displayName()
                    : c.complianceState().displayName() + ": " + c.finding().reason();
        }
        return new Row(m.check(), l.label(), r.fixture(), Verdict.ofCheckov(l.checkovFails()), Verdict.of(direct.complianceState()),
                Verdict.of(oracle.complianceState()), gate, direct.complianceState().displayName() + ": " + direct.reason(), gateReason);
    }

    /** The position of this very resource (both readings of a fixture list its resources in the same order). */
    private static int indexOf(List<FixtureTemplate.Resource> resources, FixtureTemplate.Resource r) {
        for (int i = 0; i < resources.size(); i++) {
            if (resources.get(i) == r) {
                return i;
            }
        }
        throw new IllegalArgumentException(r.type() + " " + r.name() + " is not a resource of " + r.fixture());
    }

    private static ObjectNode describe(Fixture x) {
        ObjectNode o = Values.object();
        o.put("fixture", x.file());
        o.put("status", x.report().status().id());
        if (!x.parameters().isEmpty()) {
            o.set("generatedParameters", Json.MAPPER.valueToTree(x.parameters()));
        }
        ArrayNode problems = o.putArray("problems");
        for (TemplateProblem p : x.report().problems()) {
            problems.add((p.error() ? "error: " : "warning: ") + TemplateCheck.describe(p));
        }
        return o;
    }

    private static ObjectNode describe(Row r) {
        ObjectNode o = Values.object();
        o.put("resource", r.label());
        o.put("fixture", r.fixture());
        o.put("checkov", r.checkov().id());
        o.put("direct", r.direct().id());
        o.put("gate", r.gate().id());
        if (r.directDefaultsOnly() != r.direct()) {
            o.put("directWithDefaultsOnly", r.directDefaultsOnly().id());
        }
        o.put("directReason", r.directReason());
        o.put("gateReason", r.gateReason());
        return o;
    }
}
