package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import org.junit.jupiter.api.Test;

import static io.rampart.template.Templates.*;
import static org.assertj.core.api.Assertions.assertThat;

/** reference() and list*(): what the template declares is known; the rest is unknown until deployment. */
class ReferenceTest {

    private static final String STORAGE = """
            {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2022-09-01", "name": "st", "location": "eastus",
             "sku": {"name": "Standard_LRS"}, "kind": "StorageV2", "identity": {"type": "SystemAssigned"},
             "properties": {"minimumTlsVersion": "TLS1_2", "encryption": null}}""";

    private static JsonNode app(String properties) {
        Expansion e = expand(template("\"resources\": [" + STORAGE + ", {\"type\": \"Microsoft.Web/sites\", \"apiVersion\": \"2022-09-01\", "
                + "\"name\": \"app\", \"location\": \"eastus\", \"properties\": " + properties + "}]"));
        if (!e.ok()) {
            throw new AssertionError(e.problems().toString());
        }
        return resource(e, "app").body().get("properties");
    }

    @Test
    void aTemplateResourceReadsAsDeclaredAndTheRestIsUnknown() {
        JsonNode p = app("""
                {"tls": "[reference('st').minimumTlsVersion]",
                 "blob": "[reference('st').primaryEndpoints.blob]",
                 "encryption": "[reference('st').encryption]",
                 "kind": "[reference('st', '2022-09-01', 'Full').kind]",
                 "principal": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2022-09-01', 'Full').identity.principalId]",
                 "hasTls": "[contains(reference('st'), 'minimumTlsVersion')]",
                 "tryGet": "[tryGet(reference('st', '2022-09-01', 'full'), 'identity', 'principalId')]",
                 "count": "[length(createArray(reference('st').primaryEndpoints))]"}""");
        assertThat(p.get("tls").asText()).isEqualTo("TLS1_2");
        assertThat(Unknown.is(p.get("blob"))).isTrue();
        assertThat(Unknown.reason(p.get("blob"))).contains("primaryEndpoints").contains("known only after deployment");
        assertThat(Unknown.is(p.get("encryption"))).as("a property the template leaves null is filled in by the provider").isTrue();
        assertThat(p.get("kind").asText()).isEqualTo("StorageV2");
        assertThat(Unknown.is(p.get("principal"))).isTrue();
        assertThat(p.get("hasTls").asBoolean()).isTrue();
        assertThat(Unknown.is(p.get("tryGet"))).isTrue();
        assertThat(p.get("count").asInt()).as("an unknown member leaves the array's length known").isEqualTo(1);
    }

    @Test
    void resourcesOutsideTheTemplateAndListFunctionsAreUnknown() {
        JsonNode p = app("""
                {"other": "[reference(resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'x'), '2022-09-01').primaryEndpoints.blob]",
                 "key": "[listKeys('st', '2022-09-01').keys[0].value]",
                 "sas": "[listAccountSas('st', '2022-09-01', createObject('signedExpiry', '2030-01-01')).accountSasToken]",
                 "secret": "[listSecrets(resourceId('Microsoft.Web/sites/functions', 'f', 'g'), '2022-09-01').key]",
                 "callback": "[listCallbackUrl(resourceId('Microsoft.Logic/workflows/triggers', 'w', 'manual'), '2019-05-01').value]"}""");
        p.fields().forEachRemaining(f -> assertThat(Unknown.is(f.getValue())).as(f.getKey()).isTrue());
        assertThat(Unknown.reason(p.get("key"))).contains("listKeys('st')");
    }

    @Test
    void referenceIsNotExpectedInANameOrCondition() {
        Expansion e = expand(template("\"resources\": [" + STORAGE + ", {\"type\": \"Microsoft.Web/sites\", \"apiVersion\": \"2022-09-01\", "
                + "\"name\": \"[reference('st').minimumTlsVersion]\", \"location\": \"eastus\"}]"));
        assertThat(error(e).code()).isEqualTo("InvalidFunctionLocation");
        assertThat(error(e).location().jsonPath()).isEqualTo("$.resources[1].name");
    }

    @Test
    void aResourceReadingItselfByIdReadsItsStateBeforeDeployment() {
        Expansion e = expand(template("""
                "resources": [{"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2022-07-01", "name": "vnet/sub",
                  "properties": {"addressPrefix": "[reference(resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'sub'), '2022-07-01').addressPrefix]"}}]"""));
        assertThat(e.ok()).as(e.problems().toString()).isTrue();
        assertThat(Unknown.is(e.resources().get(0).body().at("/properties/addressPrefix"))).isTrue();
    }
}
