package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.policy.ComplianceState;
import io.rampart.template.DeploymentScope;
import io.rampart.template.TemplateProblem;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateCheckTest {

    private static Finding only(TemplateReport r, String resourceName, String policy) {
        List<Finding> f = r.findings().stream()
                .filter(x -> x.resource().name().equals(resourceName) && x.policy().definition().key().equals(policy)).toList();
        assertThat(f).as("findings for %s / %s in %s", resourceName, policy, r.findings()).hasSize(1);
        return f.get(0);
    }

    private static Check check(TemplateReport r, String resourceName, String policy) {
        return r.checks().stream().filter(c -> c.resource().name().equals(resourceName) && c.policy().definition().key().equals(policy))
                .findFirst().orElseThrow(() -> new AssertionError("no check of " + policy + " on " + resourceName + ": " + r.checks()));
    }

    @Test
    void auditFindingPointsAtTheResourceObject() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(Gate.template("storage.json"));

        assertThat(r.status()).isEqualTo(TemplateReport.Status.EXPANDED);
        assertThat(r.scope()).isEqualTo(DeploymentScope.RESOURCE_GROUP);
        assertThat(r.resources()).extracting(ResourceRef::name).containsExactly("logsa", "datasa", "to-law");
        Finding f = only(r, "datasa", "require-https");
        assertThat(f.level()).isEqualTo(Level.AUDIT);
        assertThat(f.effect()).isEqualTo("Audit");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(f.resource().id()).isEqualTo("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rampart-rg"
                + "/providers/Microsoft.Storage/storageAccounts/datasa");
        assertThat(f.resource().source().line()).isEqualTo(17);
        assertThat(f.resource().source().column()).isEqualTo(5);
        assertThat(f.resource().source().jsonPath()).isEqualTo("$.resources[1]");
        assertThat(f.message()).startsWith("Storage accounts should only accept HTTPS: the resource matches");
        assertThat(f.explanation()).isNotEmpty();
        assertThat(check(r, "logsa", "require-https").passed()).isTrue();
    }

    @Test
    void parameterisedEffectComesFromTheAssignment() {
        Map<String, JsonNode> deny = Map.of("effect", Values.NODES.textNode("Deny"));
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json", deny, EnforcementMode.DEFAULT)))
                .check(Gate.template("storage.json"));

        Finding f = only(r, "datasa", "require-https");
        assertThat(f.effect()).isEqualTo("Deny");
        assertThat(f.level()).isEqualTo(Level.DENY);
    }

    @Test
    void doNotEnforceNeverBlocks() {
        Map<String, JsonNode> deny = Map.of("effect", Values.NODES.textNode("Deny"));
        PolicySet set = Gate.policies(Gate.assign("require-https.json", deny, EnforcementMode.DO_NOT_ENFORCE));
        TemplateReport r = Gate.check(set).check(Gate.template("storage.json"));

        Finding f = only(r, "datasa", "require-https");
        assertThat(f.effect()).isEqualTo("Deny");
        assertThat(f.level()).isEqualTo(Level.INFO);
        for (FailOn failOn : FailOn.values()) {
            assertThat(new CheckReport(List.of(r), failOn, set.assignments()).passed()).as("fail-on %s", failOn).isTrue();
        }
    }

    @Test
    void auditIfNotExistsIsSatisfiedByADiagnosticSettingInTheSameTemplate() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("storage-diagnostics.json"))).check(Gate.template("storage.json"));

        Check logs = check(r, "logsa", "storage-diagnostics");
        assertThat(logs.passed()).isTrue();
        assertThat(logs.complianceState()).isEqualTo(ComplianceState.COMPLIANT);
        // The template manages diagnostic settings itself: datasa has none, so it is non-compliant.
        Finding f = only(r, "datasa", "storage-diagnostics");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(f.level()).isEqualTo(Level.AUDIT);
    }

    @Test
    void auditIfNotExistsCannotDecideWhenTheRelatedResourceWouldLiveOutsideTheTemplate() {
        String template = """
                {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                 "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "sa",
                                "location": "eastus", "properties": {}}]}
                """;
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("storage-diagnostics.json"))).check(TemplateInput.of("t.json", template));

        Finding f = only(r, "sa", "storage-diagnostics");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(f.level()).isEqualTo(Level.INFO);
        assertThat(f.reason()).startsWith("Cannot decide before deployment: the related Microsoft.Insights/diagnosticSettings resource "
                + "would live outside the template");
        assertThat(f.message()).contains("cannot decide before deployment");
    }

    @Test
    void childResourcesDecideAuditIfNotExists() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("sql-auditing.json"))).check(Gate.template("sql.json"));

        assertThat(check(r, "sql-audited", "sql-auditing").passed()).isTrue();
        Finding f = only(r, "sql-plain", "sql-auditing");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        // The auditing setting itself is a resource of the deployment too.
        assertThat(r.resources()).extracting(ResourceRef::name).contains("sql-audited/default");
    }

    @Test
    void siblingsInTheResourceGroupDecideOnlyWhenOneSatisfies() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("vault-private-dns.json"))).check(Gate.template("vault.json"));

        // The template declares a private DNS zone, but not the one the policy wants: another
        // deployment may have created it in the resource group.
        Finding f = only(r, "kv-app", "vault-private-dns");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(f.level()).isEqualTo(Level.INFO);
        assertThat(f.reason()).contains("the rest of the resource group lies outside the template");

        String withZone = Gate.text(java.nio.file.Path.of(Gate.TEMPLATES, "vault.json"))
                .replace("privatelink.blob.core.windows.net", "privatelink.vaultcore.azure.net");
        TemplateReport ok = Gate.check(Gate.policies(Gate.assign("vault-private-dns.json"))).check(TemplateInput.of("v.json", withZone));
        assertThat(check(ok, "kv-app", "vault-private-dns").passed()).isTrue();
    }

    @Test
    void valuesUnknownBeforeDeploymentAreReportedButDoNotBlock() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("vault-purge-protection.json"))).check(Gate.template("vault.json"));

        Finding f = only(r, "kv-app", "vault-purge-protection");
        assertThat(f.effect()).isEqualTo("Deny");
        assertThat(f.complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(f.level()).isEqualTo(Level.INFO);
        assertThat(f.reason()).startsWith("Cannot decide before deployment");
    }

    @Test
    void existingResourcesAreNotEvaluated() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(Gate.template("vault.json"));

        assertThat(r.resources()).extracting(ResourceRef::name).doesNotContain("shared");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void nonComplianceMessageOfTheAssignmentIsTheMessage() {
        Assignment a = new Assignment("https-only", Assignment.Target.DEFINITION, "require-https.json", Gate.POLICIES, Map.of(),
                EnforcementMode.DEFAULT, List.of(new Assignment.NonComplianceMessage("Turn on secure transfer (ticket SEC-12).", null)),
                "test");
        TemplateReport r = Gate.check(Gate.policies(a)).check(Gate.template("storage.json"));

        Finding f = only(r, "datasa", "require-https");
        assertThat(f.message()).isEqualTo("Turn on secure transfer (ticket SEC-12).");
        assertThat(f.policy().assignment()).isEqualTo("https-only");
    }

    @Test
    void initiativeMembersCarryTheInitiativeAndReferenceId() {
        PolicySet set = Gate.policies(Gate.assign("require-https.json"), Gate.assign("storage-diagnostics.json"),
                new Assignment("baseline", Assignment.Target.INITIATIVE, "baseline.json", Gate.POLICIES,
                        Map.of("httpsEffect", Values.NODES.textNode("Deny")), EnforcementMode.DEFAULT,
                        List.of(new Assignment.NonComplianceMessage("Use HTTPS.", "https")), "test"));
        TemplateReport r = Gate.check(set).check(Gate.template("storage.json"));

        Finding f = r.findings().stream().filter(x -> "baseline".equals(x.policy().assignment()) && "https".equals(x.policy().referenceId()))
                .findFirst().orElseThrow();
        assertThat(f.policy().initiative().name()).isEqualTo("gate-baseline");
        assertThat(f.policy().groupNames()).containsExactly("data-protection");
        assertThat(f.level()).isEqualTo(Level.DENY);
        assertThat(f.message()).isEqualTo("Use HTTPS.");
    }

    @Test
    void malformedTemplateFailsWithLineAndColumn() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(Gate.template("broken.json"));

        assertThat(r.failed()).isTrue();
        TemplateProblem p = r.error();
        assertThat(p.code()).isEqualTo(TemplateCheck.INVALID_TEMPLATE);
        assertThat(p.location().file()).isEqualTo("infra/broken.json");
        assertThat(p.location().line()).isEqualTo(8);
        assertThat(p.message()).startsWith("is not valid JSON");
        assertThat(TemplateCheck.describe(p)).startsWith("infra/broken.json:8:");
    }

    @Test
    void expansionErrorsFailTheTemplate() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(Gate.template("bad-expression.json"));

        assertThat(r.failed()).isTrue();
        assertThat(TemplateCheck.describe(r.error()))
                .isEqualTo("infra/bad-expression.json:5:56: $.resources[0].name: The template function 'bogus' is not valid. "
                        + "Please see https://aka.ms/arm-functions for usage details. [InvalidTemplateExpression]");
    }

    @Test
    void aTemplateThatIsNotAnObjectFails() {
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(TemplateInput.of("a.json", "[1, 2]"));

        assertThat(r.failed()).isTrue();
        assertThat(r.error().message()).startsWith("expected a template: a JSON object with $schema, contentVersion and resources");
    }

    @Test
    void anExpanderFailureIsAnInternalErrorOfThatTemplateOnly() {
        TemplateCheck check = new TemplateCheck(Gate.policies(Gate.assign("require-https.json")), (t, p, s, c, l) -> {
            throw new IllegalStateException("boom");
        }, Gate.CLOCK);

        TemplateReport r = check.check(Gate.template("storage.json"));
        assertThat(r.failed()).isTrue();
        assertThat(r.error().code()).isEqualTo(TemplateCheck.INTERNAL_ERROR);
        assertThat(r.error().message()).contains("IllegalStateException: boom");
    }

    @Test
    void parameterFileValuesReachTheExpansion() {
        TemplateInput in = Gate.template("storage.json").withParameters("infra/storage.parameters.json",
                Gate.text(java.nio.file.Path.of(Gate.TEMPLATES, "storage.parameters.json")).replace("false", "true"));
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(in);

        assertThat(r.parametersFile()).isEqualTo("infra/storage.parameters.json");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void aBadParameterFileFailsTheTemplateWithItsLocation() {
        TemplateInput in = Gate.template("storage.json").withParameters("infra/storage.parameters.json",
                "{\"parameters\": {\"httpsOnly\": true}}");
        TemplateReport r = Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(in);

        assertThat(r.failed()).isTrue();
        assertThat(TemplateCheck.describe(r.error())).startsWith("infra/storage.parameters.json:1:17: $.parameters.httpsOnly: expected "
                + "{\"value\": ...} or a Key Vault {\"reference\"");
    }

    @Test
    void scopeComesFromTheSchema() {
        String sub = "{\"$schema\": \"https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#\","
                + " \"resources\": []}";
        assertThat(Gate.check(Gate.policies(Gate.assign("require-https.json"))).check(TemplateInput.of("s.json", sub)).scope())
                .isEqualTo(DeploymentScope.SUBSCRIPTION);
        assertThat(TemplateCheck.scopeOf(Values.object())).isEqualTo(DeploymentScope.RESOURCE_GROUP);
    }

    @Test
    void runCountsTemplatesResourcesAndFindings() {
        TemplateCheck check = Gate.check(Gate.policies(Gate.assign("require-https.json"), Gate.assign("storage-diagnostics.json")));
        List<String> seen = new java.util.ArrayList<>();
        CheckReport report = check.run(List.of(Gate.template("storage.json"), Gate.template("broken.json")), FailOn.DENY,
                (i, n, file) -> seen.add(i + "/" + n + " " + file));

        assertThat(seen).containsExactly("1/2 infra/storage.json", "2/2 infra/broken.json");
        CheckReport.Summary s = report.summary();
        assertThat(s.templates()).isEqualTo(2);
        assertThat(s.expanded()).isEqualTo(1);
        assertThat(s.failed()).isEqualTo(1);
        assertThat(s.resources()).isEqualTo(3);
        assertThat(s.findings()).isEqualTo(2);
        assertThat(s.audit()).isEqualTo(2);
        assertThat(s.blocking()).isZero();
        // A template that failed to expand fails the run, unless --fail-on none.
        assertThat(report.passed()).isFalse();
        assertThat(new CheckReport(report.templates(), FailOn.NONE, report.policies()).passed()).isTrue();
    }
}
