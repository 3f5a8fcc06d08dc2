package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rampart.policy.alias.AliasTable;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    private final PolicyEngine engine = new PolicyEngine(AliasTable.of(Map.of(
            "Microsoft.Storage/storageAccounts/networkAcls.defaultAction", "properties.networkAcls.defaultAction",
            "Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value", "properties.networkAcls.ipRules[*].value")));

    private static JsonNode json(String s) {
        return Json.read(s, "test");
    }

    private static final JsonNode STORAGE = json("""
            {"id": "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/sa1",
             "name": "sa1", "type": "Microsoft.Storage/storageAccounts", "location": "East US 2",
             "tags": {"Env": "prod"},
             "properties": {"networkAcls": {"defaultAction": "Allow", "ipRules": [{"value": "1.2.3.4"}]}}}""");

    @Test
    void parameterisedEffectIsReportedAsWrittenAfterBinding() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"properties": {"mode": "Indexed",
                  "parameters": {"effect": {"type": "String", "defaultValue": "Audit", "allowedValues": ["Audit", "Deny", "Disabled"]}},
                  "policyRule": {"if": {"allOf": [
                      {"field": "type", "equals": "Microsoft.Storage/storageAccounts"},
                      {"field": "Microsoft.Storage/storageAccounts/networkAcls.defaultAction", "notEquals": "Deny"}]},
                    "then": {"effect": "[parameters('effect')]"}}}}"""), "t");
        assertThat(c.errors()).isEmpty();
        EvaluationResult r = c.value().bind(Map.of("effect", TextNode.valueOf("Deny"))).value()
                .evaluate(STORAGE, EvaluationEnvironment.defaults(), true);
        assertThat(r.effect()).isEqualTo("Deny");
        assertThat(r.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(r.denies()).isTrue();
        assertThat(r.evaluatedExpressions()).extracting(EvaluatedExpression::operator).containsExactly("Equals", "NotEquals");
        EvaluatedExpression decisive = r.evaluatedExpressions().get(1);
        assertThat(decisive.path()).isEqualTo("properties.networkAcls.defaultAction");
        assertThat(decisive.expressionValue().asText()).isEqualTo("Allow");
        assertThat(decisive.targetValue().asText()).isEqualTo("Deny");
        assertThat(decisive.result()).isEqualTo("True");
    }

    @Test
    void bindingRejectsValuesOutsideAllowedValuesAndMissingParameters() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "All", "parameters": {"effect": {"type": "String", "allowedValues": ["Audit", "Deny"]},
                                                "prefix": {"type": "String"}},
                 "policyRule": {"if": {"field": "name", "like": "[concat(parameters('prefix'), '*')]"}, "then": {"effect": "[parameters('effect')]"}}}"""), "t");
        Parsed<BoundPolicy> missing = c.value().bind(Map.of("effect", TextNode.valueOf("Audit")));
        assertThat(missing.errors()).extracting(Diagnostic::code).containsExactly("missing-parameter");
        Parsed<BoundPolicy> wrong = c.value().bind(Map.of("effect", TextNode.valueOf("audit"), "prefix", TextNode.valueOf("sa")));
        assertThat(wrong.errors()).extracting(Diagnostic::message).singleElement().asString().contains("allowed values");
        Parsed<BoundPolicy> ok = c.value().bind(Map.of("effect", TextNode.valueOf("Audit"), "prefix", TextNode.valueOf("SA")));
        assertThat(ok.value().evaluate(STORAGE, EvaluationEnvironment.defaults(), false).matched()).isTrue();
    }

    @Test
    void unknownOperatorIsADiagnosticWithItsJsonPath() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "All", "policyRule": {"if": {"anyOf": [{"field": "name", "equals": "a"}, {"field": "name", "equal": "b"}]},
                 "then": {"effect": "audit"}}}"""), "t");
        assertThat(c.value()).isNull();
        assertThat(c.errors()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("unknown-operator");
            assertThat(d.path()).isEqualTo("$.policyRule.if.anyOf[1].equal");
            assertThat(d.message()).contains("did you mean 'equals'?");
        });
    }

    @Test
    void inferredAliasIsReportedAndResolvedByConvention() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "All", "policyRule": {"if": {"field": "Microsoft.Web/sites/sshEnabled", "equals": true},
                 "then": {"effect": "audit"}}}"""), "t");
        assertThat(c.ok()).isTrue();
        assertThat(c.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.code()).isEqualTo("inferred-alias");
            assertThat(d.message()).contains("properties.sshEnabled");
        });
        JsonNode site = json("{\"type\": \"Microsoft.Web/sites\", \"name\": \"w\", \"properties\": {\"sshEnabled\": true}}");
        assertThat(c.value().bindDefaults().value().evaluate(site, EvaluationEnvironment.defaults(), false).matched()).isTrue();
    }

    @Test
    void aliasesReadNothingFromResourcesOfOtherTypes() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "All", "policyRule": {"if": {"field": "Microsoft.Storage/storageAccounts/networkAcls.defaultAction", "exists": true},
                 "then": {"effect": "audit"}}}"""), "t");
        JsonNode vault = json("{\"type\": \"Microsoft.KeyVault/vaults\", \"name\": \"v\", \"properties\": {\"networkAcls\": {\"defaultAction\": \"Allow\"}}}");
        assertThat(c.value().bindDefaults().value().evaluateCondition(vault, EvaluationEnvironment.defaults(), false).matched()).isFalse();
        assertThat(c.value().bindDefaults().value().evaluateCondition(STORAGE, EvaluationEnvironment.defaults(), false).matched()).isTrue();
    }

    @Test
    void evaluationLimitBreachFailsTheEvaluationWhichDenies() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "All", "policyRule": {"if": {"value": "[padLeft('x', 140000, 'y')]", "equals": "x"},
                 "then": {"effect": "audit"}}}"""), "t");
        EvaluationResult r = c.value().bindDefaults().value().evaluate(STORAGE, EvaluationEnvironment.defaults(), true);
        assertThat(r.error()).isNotNull();
        assertThat(r.error().code()).isEqualTo("LimitExceeded");
        assertThat(r.error().message()).contains("131072");
        assertThat(r.denies()).isTrue();
        assertThat(r.compliant()).isFalse();
    }

    @Test
    void locationsCompareNormalised() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "Indexed", "policyRule": {"if": {"field": "location", "in": ["eastus2", "westeurope"]},
                 "then": {"effect": "audit"}}}"""), "t");
        assertThat(c.value().bindDefaults().value().evaluate(STORAGE, EvaluationEnvironment.defaults(), false).matched()).isTrue();
    }

    @Test
    void indexedModeSkipsChildResourcesWithoutLocation() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "Indexed", "policyRule": {"if": {"field": "name", "like": "*"}, "then": {"effect": "audit"}}}"""), "t");
        JsonNode rule = json("{\"type\": \"Microsoft.Network/networkSecurityGroups/securityRules\", \"name\": \"nsg/r1\", \"properties\": {}}");
        EvaluationResult r = c.value().bindDefaults().value().evaluate(rule, EvaluationEnvironment.defaults(), false);
        assertThat(r.applicable()).isFalse();
        assertThat(r.reason()).contains("Indexed");
    }

    @Test
    void auditIfNotExistsLooksAtRelatedResourcesAndTheirExistenceCondition() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "Indexed", "policyRule": {"if": {"field": "type", "equals": "Microsoft.Storage/storageAccounts"},
                  "then": {"effect": "auditIfNotExists", "details": {
                    "type": "Microsoft.Insights/diagnosticSettings",
                    "existenceCondition": {"value": "[field('name')]", "equals": "sa1"}}}}}"""), "t");
        BoundPolicy p = c.value().bindDefaults().value();
        assertThat(p.evaluate(STORAGE, EvaluationEnvironment.defaults(), false).complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        JsonNode diag = json("{\"id\": \"/x/diag1\", \"type\": \"Microsoft.Insights/diagnosticSettings\", \"name\": \"diag1\", \"properties\": {}}");
        EvaluationEnvironment env = EvaluationEnvironment.builder()
                .related(q -> RelatedResources.Lookup.found(java.util.List.of(diag))).build();
        EvaluationResult r = p.evaluate(STORAGE, env, false);
        assertThat(r.complianceState()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(r.ifNotExistsDetails().get("resourceId").asText()).isEqualTo("/x/diag1");
        EvaluationEnvironment unknown = EvaluationEnvironment.builder()
                .related(q -> RelatedResources.Lookup.unknown("outside the deployment")).build();
        assertThat(p.evaluate(STORAGE, unknown, false).complianceState()).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void modifyDetailsAreEvaluatedForTheResource() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "Indexed", "parameters": {"tagName": {"type": "String", "defaultValue": "costCenter"}},
                 "policyRule": {"if": {"field": "[concat('tags[', parameters('tagName'), ']')]", "exists": "false"},
                  "then": {"effect": "modify", "details": {
                    "roleDefinitionIds": ["/providers/microsoft.authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c"],
                    "operations": [{"operation": "add", "field": "[concat('tags[', parameters('tagName'), ']')]",
                                    "value": "[resourceGroup().tags[parameters('tagName')]]"}]}}}}"""), "t");
        assertThat(c.errors()).isEmpty();
        EvaluationEnvironment env = EvaluationEnvironment.builder()
                .resourceGroup(json("{\"name\": \"rg1\", \"tags\": {\"costCenter\": \"42\"}}")).build();
        EvaluationResult r = c.value().bindDefaults().value().evaluate(STORAGE, env, false);
        assertThat(r.complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        JsonNode op = r.effectDetails().get("operations").get(0);
        assertThat(op.get("field").asText()).isEqualTo("tags[costCenter]");
        assertThat(op.get("value").asText()).isEqualTo("42");
        assertThat(r.effectDetails().get("conflictEffect").asText()).isEqualTo("audit");
    }

    @Test
    void resourceProviderModesParseButAreNotEvaluated() {
        Parsed<CompiledPolicy> c = engine.compile(json("""
                {"mode": "Microsoft.Kubernetes.Data", "policyRule": {"if": {"field": "type", "in": ["Microsoft.ContainerService/managedClusters"]},
                 "then": {"effect": "audit", "details": {"templateInfo": {"sourceType": "PublicURL", "url": "https://example"}}}}}"""), "t");
        assertThat(c.ok()).isTrue();
        JsonNode aks = json("{\"type\": \"Microsoft.ContainerService/managedClusters\", \"name\": \"k\", \"location\": \"eastus\"}");
        EvaluationResult r = c.value().bindDefaults().value().evaluate(aks, EvaluationEnvironment.defaults(), false);
        assertThat(r.applicable()).isFalse();
        assertThat(r.reason()).contains("Microsoft.Kubernetes.Data");
    }

    @Test
    void authoringLimitOnValueCountsIsACompileError() {
        StringBuilder conditions = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            conditions.append(i == 0 ? "" : ",").append("{\"count\": {\"value\": [1, 2]}, \"equals\": 2}");
        }
        Parsed<CompiledPolicy> c = engine.compile(json("{\"mode\": \"All\", \"policyRule\": {\"if\": {\"allOf\": [" + conditions
                + "]}, \"then\": {\"effect\": \"audit\"}}}"), "t");
        assertThat(c.errors()).extracting(Diagnostic::code).contains("too-many-value-counts");
    }

    @Test
    void functionsAzureExcludesFromPolicyRulesDoNotCompile() {
        for (String expr : new String[]{"[length(filter(createArray(1, 2), lambda('x', equals(lambdaVariables('x'), 1))))]",
                "[resourceId('Microsoft.Storage/storageAccounts', 'sa')]", "[newGuid()]", "[dateTimeAdd(utcNow(), 'P1D')]"}) {
            Parsed<CompiledPolicy> c = engine.compile(json("{\"mode\": \"All\", \"policyRule\": {\"if\": {\"value\": \"" + expr
                    + "\", \"equals\": 1}, \"then\": {\"effect\": \"audit\"}}}"), "t");
            assertThat(c.errors()).as(expr).extracting(Diagnostic::code).containsExactly("invalid-expression");
        }
    }
}
