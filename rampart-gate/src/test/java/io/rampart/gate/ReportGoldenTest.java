package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.expression.Values;
import io.rampart.gate.report.JsonReport;
import io.rampart.gate.report.JunitReport;
import io.rampart.gate.report.SarifReport;
import io.rampart.gate.report.TextReport;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every format over one run with deny, audit and info findings, a compliant template and a failed one. */
class ReportGoldenTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    static CheckReport report(FailOn failOn) {
        PolicySet set = Gate.policies(
                new Assignment("https-deny", Assignment.Target.DEFINITION, "require-https.json", Gate.POLICIES,
                        Map.of("effect", Values.NODES.textNode("Deny")), EnforcementMode.DEFAULT,
                        List.of(new Assignment.NonComplianceMessage("Storage must only accept HTTPS <TLS> & \"secure\" transfer.", null)),
                        "test"),
                Gate.assign("storage-diagnostics.json"),
                Gate.assign("sql-auditing.json"),
                Gate.assign("vault-purge-protection.json"),
                new Assignment("dns-audit", Assignment.Target.DEFINITION, "vault-private-dns.json", Gate.POLICIES, Map.of(),
                        EnforcementMode.DO_NOT_ENFORCE, List.of(), "test"));
        TemplateInput storage = Gate.template("storage.json").withParameters("infra/storage.parameters.json",
                Gate.text(Path.of(Gate.TEMPLATES, "storage.parameters.json")));
        List<TemplateInput> inputs = List.of(Gate.template("broken.json"), Gate.template("sql.json"), storage, Gate.template("vault.json"));
        return Gate.check(set).run(inputs, failOn, TemplateCheck.Listener.NONE);
    }

    @Test
    void text() {
        CheckReport r = report(FailOn.DENY);
        Golden.assertMatches("report.txt", TextReport.write(r, new TextReport.Options(false, true, true)));
        Golden.assertMatches("report-brief.txt", TextReport.write(r, new TextReport.Options(false, false, false)));
    }

    @Test
    void json() throws Exception {
        String out = JsonReport.write(report(FailOn.DENY));
        Golden.assertMatches("report.json", out);
        JsonNode j = MAPPER.readTree(out);
        JsonNode s = j.get("summary");
        assertThat(s.get("templates").asInt()).isEqualTo(4);
        assertThat(s.get("expanded").asInt()).isEqualTo(3);
        assertThat(s.get("failed").asInt()).isEqualTo(1);
        assertThat(s.get("resources").asInt()).isEqualTo(8);
        assertThat(s.get("findings").asInt()).isEqualTo(j.findValues("findings").stream().filter(JsonNode::isArray).mapToInt(JsonNode::size).sum());
        assertThat(j.get("templates")).hasSize(4);
        assertThat(j.get("templates").get(0).get("status").asText()).isEqualTo("failed");
        assertThat(j.get("templates").get(0).get("error").asText()).startsWith("infra/broken.json:8:");
        assertThat(j.get("templates").get(1).get("error").isNull()).isTrue();
    }

    @Test
    void sarifIsValidAgainstTheSarifSchema() throws Exception {
        for (FailOn f : FailOn.values()) {
            String out = SarifReport.write(report(f), new SarifReport.Options(Path.of(""), "0.0.0-test"));
            assertThat(SarifSchema.violations(out)).as("fail-on %s", f).isEmpty();
            if (f == FailOn.DENY) {
                Golden.assertMatches("report.sarif", out);
                JsonNode run = MAPPER.readTree(out).get("runs").get(0);
                assertThat(run.at("/tool/driver/name").asText()).isEqualTo("Rampart");
                JsonNode result = run.get("results").get(1);
                assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
                assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).startsWith("infra/");
                assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isPositive();
                assertThat(result.at("/partialFingerprints").size()).isEqualTo(1);
            }
        }
        // An empty run is valid too.
        CheckReport empty = new CheckReport(List.of(), FailOn.DENY, List.of());
        assertThat(SarifSchema.violations(SarifReport.write(empty, new SarifReport.Options(null, null)))).isEmpty();
    }

    @Test
    void theSchemaCatchesBrokenSarif() {
        assertThat(SarifSchema.violations("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {}}}]}"))
                .anySatisfy(v -> assertThat(v).contains("name"));
        assertThat(SarifSchema.violations("{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": \"x\"}}, "
                + "\"results\": [{\"message\": {\"text\": \"m\"}, \"level\": \"fatal\"}]}]}")).isNotEmpty();
    }

    @Test
    void fingerprintsDoNotDependOnLines() throws Exception {
        String a = SarifReport.write(report(FailOn.DENY), new SarifReport.Options(Path.of(""), "x"));
        CheckReport moved = Gate.check(Gate.policies(new Assignment("https-deny", Assignment.Target.DEFINITION, "require-https.json",
                Gate.POLICIES, Map.of("effect", Values.NODES.textNode("Deny")), EnforcementMode.DEFAULT, List.of(), "test")))
                .run(List.of(TemplateInput.of("infra/storage.json", "\n\n\n" + Gate.text(Path.of(Gate.TEMPLATES, "storage.json")))
                        .withParameters("infra/storage.parameters.json", Gate.text(Path.of(Gate.TEMPLATES, "storage.parameters.json")))),
                        FailOn.DENY, TemplateCheck.Listener.NONE);
        String b = SarifReport.write(moved, new SarifReport.Options(Path.of(""), "x"));
        JsonNode fa = MAPPER.readTree(a).findValue("results");
        JsonNode fb = MAPPER.readTree(b).findValue("results").get(0);
        String print = fb.at("/partialFingerprints/rampartFinding~1v1").asText();
        assertThat(fa.findValues("rampartFinding/v1")).extracting(JsonNode::asText).contains(print);
        assertThat(fb.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(20);
    }

    @Test
    void junit() throws Exception {
        String out = JunitReport.write(report(FailOn.DENY));
        Golden.assertMatches("report.junit.xml", out);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        NodeList suites = d.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(4);
        Element broken = (Element) suites.item(0);
        assertThat(broken.getAttribute("name")).isEqualTo("infra/broken.json");
        assertThat(broken.getElementsByTagName("error").getLength()).isEqualTo(1);
        Element storage = (Element) suites.item(2);
        Element failure = (Element) storage.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("Storage must only accept HTTPS <TLS> & \"secure\" transfer.");
        int tests = 0;
        for (int i = 0; i < suites.getLength(); i++) {
            tests += Integer.parseInt(((Element) suites.item(i)).getAttribute("tests"));
        }
        assertThat(d.getDocumentElement().getAttribute("tests")).isEqualTo(Integer.toString(tests));
    }

    @Test
    void junitAtFailOnAuditFailsAuditFindings() throws Exception {
        String out = JunitReport.write(report(FailOn.AUDIT));
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)));
        NodeList failures = d.getElementsByTagName("failure");
        assertThat(failures.getLength()).isGreaterThan(1);
        assertThat(d.getElementsByTagName("system-out").getLength()).isZero();
    }

    @Test
    void junitNamesSayTheAssignmentWhenAPolicyAppliesTwice() {
        PolicySet set = Gate.policies(Gate.assign("require-https.json"),
                new Assignment("again", Assignment.Target.DEFINITION, "require-https.json", Gate.POLICIES, Map.of(),
                        EnforcementMode.DEFAULT, List.of(), "test"));
        String out = JunitReport.write(Gate.check(set).run(List.of(Gate.template("storage.json")), FailOn.DENY, TemplateCheck.Listener.NONE));
        assertThat(out).contains("name=\"datasa (Microsoft.Storage/storageAccounts): Storage accounts should only accept HTTPS "
                + "(assignment again)\"").contains("(assignment Storage accounts should only accept HTTPS)\"");
    }

    @Test
    void unknownValuesInExplanationsPrintAsUnknown() throws Exception {
        var e = new io.rampart.policy.EvaluatedExpression("False", "Field", "Microsoft.KeyVault/vaults/enablePurgeProtection",
                "properties.enablePurgeProtection", io.rampart.expression.Unknown.of("reference('x') is known only after deployment"),
                Values.NODES.booleanNode(true), "NotEquals", "$.if.allOf[1]");
        ResourceRef res = new ResourceRef("/r/kv", "Microsoft.KeyVault/vaults", "kv", new io.rampart.template.SourceLocation("t.json", 3, 5, "$"),
                List.of());
        AppliedPolicy p = new AppliedPolicy(new PolicyRef("p", null, "P", null, null, null, false), null, null, List.of(), "a",
                EnforcementMode.DEFAULT);
        Finding f = new Finding("t.json", res, p, "Deny", io.rampart.policy.ComplianceState.UNKNOWN, Level.INFO, "m", null, "r", List.of(e), null);
        CheckReport r = new CheckReport(List.of(new TemplateReport("t.json", TemplateReport.Status.EXPANDED, null, null, List.of(),
                List.of(res), List.of(new Check(res, p, "Deny", f.complianceState(), f)), List.of(f))), FailOn.DENY, List.of());
        JsonNode json = MAPPER.readTree(JsonReport.write(r));
        assertThat(json.at("/templates/0/findings/0/explanation/0/expressionValue/$unknown").asText())
                .isEqualTo("reference('x') is known only after deployment");
        String sarif = SarifReport.write(r, new SarifReport.Options(Path.of(""), "x"));
        assertThat(SarifSchema.violations(sarif)).isEmpty();
        assertThat(sarif).contains("\"$unknown\" : \"reference('x') is known only after deployment\"".replace(" : ", ": "));
        assertThat(TextReport.write(r, new TextReport.Options(false, true, true))).contains("{\"$unknown\":\"reference('x') is known only after deployment\"}");
    }

    @Test
    void xmlEscaping() {
        String nasty = "a<b>&\"c'\n\u0001\uD800z";
        CheckReport r = new CheckReport(List.of(TemplateReport.failed(nasty, null, null, List.of(new io.rampart.template.TemplateProblem(
                true, "InvalidTemplate", new io.rampart.template.SourceLocation(nasty, 1, 2, "$"), nasty)))), FailOn.DENY, List.of());
        String out = JunitReport.write(r);
        assertThat(out).contains("name=\"a&lt;b&gt;&amp;&quot;c&apos;&#10;\uFFFD\uFFFDz\"");
        assertThat(out).doesNotContain("\u0001");
        org.assertj.core.api.Assertions.assertThatCode(() -> DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(out.getBytes(StandardCharsets.UTF_8)))).doesNotThrowAnyException();
    }
}
