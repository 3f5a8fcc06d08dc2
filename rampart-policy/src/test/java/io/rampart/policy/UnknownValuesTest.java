package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.policy.alias.AliasTable;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Values unknown before deployment (from templates: reference() of an outside resource, a Key Vault
 * secret) make a condition undecidable; Kleene logic decides what it still can, and what it can't
 * is reported as Unknown ("cannot decide before deployment") rather than guessed.
 */
class UnknownValuesTest {

    private final PolicyEngine engine = new PolicyEngine(AliasTable.of(Map.of(
            "Microsoft.Storage/storageAccounts/minimumTlsVersion", "properties.minimumTlsVersion",
            "Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly", "properties.supportsHttpsTrafficOnly",
            "Microsoft.Storage/storageAccounts/networkAcls.ipRules[*]", "properties.networkAcls.ipRules[*]",
            "Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value", "properties.networkAcls.ipRules[*].value")));

    private static ObjectNode storage() {
        return (ObjectNode) Json.read("""
                {"type": "Microsoft.Storage/storageAccounts", "name": "sa", "location": "eastus",
                 "properties": {"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": true,
                                "networkAcls": {"ipRules": [{"value": "1.2.3.4"}, {"value": "5.6.7.8"}]}}}""", "r");
    }

    private EvaluationResult eval(String ifCondition, JsonNode resource) {
        Parsed<CompiledPolicy> c = engine.compile(Json.read("{\"mode\": \"All\", \"policyRule\": {\"if\": " + ifCondition
                + ", \"then\": {\"effect\": \"audit\"}}}", "p"), "p");
        assertThat(c.errors()).isEmpty();
        return c.value().bindDefaults().value().evaluate(resource, EvaluationEnvironment.defaults(), true);
    }

    @Test
    void aConditionOnAnUnknownValueCannotBeDecided() {
        ObjectNode r = storage();
        ((ObjectNode) r.get("properties")).set("minimumTlsVersion", Unknown.of("reference() of a resource outside the template"));
        EvaluationResult e = eval("{\"field\": \"Microsoft.Storage/storageAccounts/minimumTlsVersion\", \"notEquals\": \"TLS1_2\"}", r);
        assertThat(e.complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(e.reason()).contains("Cannot decide before deployment").contains("reference()");
        assertThat(e.compliant()).isFalse();
    }

    @Test
    void kleeneLogicDecidesWhatItCan() {
        ObjectNode r = storage();
        ((ObjectNode) r.get("properties")).set("minimumTlsVersion", Unknown.of("outside"));
        // allOf with a false member is false, whatever the unknown one is
        assertThat(eval("{\"allOf\": [{\"field\": \"Microsoft.Storage/storageAccounts/minimumTlsVersion\", \"equals\": \"TLS1_0\"},"
                + "{\"field\": \"Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly\", \"equals\": false}]}", r).complianceState())
                .isEqualTo(ComplianceState.COMPLIANT);
        // anyOf with a true member is true
        assertThat(eval("{\"anyOf\": [{\"field\": \"Microsoft.Storage/storageAccounts/minimumTlsVersion\", \"equals\": \"TLS1_0\"},"
                + "{\"field\": \"Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly\", \"equals\": true}]}", r).complianceState())
                .isEqualTo(ComplianceState.NON_COMPLIANT);
        // not of undecidable stays undecidable
        assertThat(eval("{\"not\": {\"field\": \"Microsoft.Storage/storageAccounts/minimumTlsVersion\", \"equals\": \"TLS1_0\"}}", r)
                .complianceState()).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void countDecidesWhenEveryPossibleCountGivesTheSameAnswer() {
        ObjectNode r = storage();
        ObjectNode second = (ObjectNode) r.at("/properties/networkAcls/ipRules/1");
        second.set("value", Unknown.of("parameter from Key Vault"));
        String where = "{\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value\", \"equals\": \"1.2.3.4\"}";
        // one known match, one unknown: count is 1 or 2
        assertThat(eval("{\"count\": {\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*]\", \"where\": " + where
                + "}, \"greater\": 0}", r).complianceState()).isEqualTo(ComplianceState.NON_COMPLIANT);
        assertThat(eval("{\"count\": {\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*]\", \"where\": " + where
                + "}, \"equals\": 1}", r).complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        // an unknown array: how many members there are is unknown
        ((ObjectNode) r.get("properties").get("networkAcls")).set("ipRules", Unknown.of("outside"));
        assertThat(eval("{\"count\": {\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*]\"}, \"equals\": 0}", r)
                .complianceState()).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void arrayFieldConditionFalseMemberWinsOverUnknownMember() {
        ObjectNode r = storage();
        ((ObjectNode) r.at("/properties/networkAcls/ipRules/1")).set("value", Unknown.of("outside"));
        // every value must equal 9.9.9.9: the known 1.2.3.4 already fails
        assertThat(eval("{\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value\", \"equals\": \"9.9.9.9\"}", r)
                .complianceState()).isEqualTo(ComplianceState.COMPLIANT);
        assertThat(eval("{\"field\": \"Microsoft.Storage/storageAccounts/networkAcls.ipRules[*].value\", \"notEquals\": \"9.9.9.9\"}", r)
                .complianceState()).isEqualTo(ComplianceState.UNKNOWN);
    }

    @Test
    void functionsOverUnknownValuesAreUnknown() {
        ObjectNode r = storage();
        r.set("name", Unknown.of("outside"));
        ((ObjectNode) r.get("properties")).set("minimumTlsVersion", Unknown.of("outside"));
        assertThat(eval("{\"value\": \"[concat('tls-', field('Microsoft.Storage/storageAccounts/minimumTlsVersion'))]\", \"equals\": \"tls-TLS1_2\"}", r)
                .complianceState()).isEqualTo(ComplianceState.UNKNOWN);
        assertThat(Unknown.is(Json.read("{}", "x"))).isFalse();
        assertThat(Json.MAPPER.valueToTree(Map.of("v", Unknown.of("why"))).toString()).isEqualTo("{\"v\":{\"$unknown\":\"why\"}}");
    }
}
