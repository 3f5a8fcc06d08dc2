package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import io.rampart.policy.RelatedResources;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where --related resources are looked for. */
class FileRelatedResourcesTest {

    private static final String RG = "/subscriptions/s1/resourceGroups/rg1";
    private static final JsonNode PRIMARY = Json.read("{\"id\": \"" + RG + "/providers/Microsoft.Sql/servers/sql1\", \"type\": \"Microsoft.Sql/servers\"}", "t");

    private static JsonNode res(String id, String type) {
        return Json.read("{\"id\": \"" + id + "\", \"type\": \"" + type + "\", \"name\": \"" + id.substring(id.lastIndexOf('/') + 1) + "\"}", "t");
    }

    private static List<String> ids(RelatedResources r, String type, String rg, String scope) {
        return r.find(new RelatedResources.Query(PRIMARY, type, null, rg, scope)).resources().stream().map(n -> n.get("id").asText()).toList();
    }

    @Test
    void childTypesAreLookedUpUnderTheResource() {
        var r = new FileRelatedResources(List.of(
                res(RG + "/providers/Microsoft.Sql/servers/sql1/auditingSettings/default", "Microsoft.Sql/servers/auditingSettings"),
                res(RG + "/providers/Microsoft.Sql/servers/sql2/auditingSettings/default", "Microsoft.Sql/servers/auditingSettings")));
        assertThat(ids(r, "Microsoft.Sql/servers/auditingSettings", null, null)).containsExactly(RG + "/providers/Microsoft.Sql/servers/sql1/auditingSettings/default");
    }

    @Test
    void extensionResourcesBelongToTheResourceTheyExtend() {
        var r = new FileRelatedResources(List.of(
                res(RG + "/providers/Microsoft.Sql/servers/sql1/providers/Microsoft.Insights/diagnosticSettings/a", "Microsoft.Insights/diagnosticSettings"),
                res(RG + "/providers/Microsoft.Sql/servers/sql2/providers/Microsoft.Insights/diagnosticSettings/b", "Microsoft.Insights/diagnosticSettings")));
        assertThat(ids(r, "Microsoft.Insights/diagnosticSettings", null, null)).hasSize(1).allMatch(id -> id.endsWith("/a"));
    }

    @Test
    void otherTypesAreLookedUpInTheResourceGroupOrSubscription() {
        var r = new FileRelatedResources(List.of(
                res(RG + "/providers/Microsoft.Network/privateEndpoints/pe1", "Microsoft.Network/privateEndpoints"),
                res("/subscriptions/s1/resourceGroups/rg2/providers/Microsoft.Network/privateEndpoints/pe2", "Microsoft.Network/privateEndpoints"),
                res("/subscriptions/s2/resourceGroups/rg1/providers/Microsoft.Network/privateEndpoints/pe3", "Microsoft.Network/privateEndpoints")));
        assertThat(ids(r, "Microsoft.Network/privateEndpoints", null, null)).containsExactly(RG + "/providers/Microsoft.Network/privateEndpoints/pe1");
        assertThat(ids(r, "Microsoft.Network/privateEndpoints", "rg2", null)).hasSize(1).allMatch(id -> id.endsWith("pe2"));
        assertThat(ids(r, "Microsoft.Network/privateEndpoints", null, "subscription")).hasSize(2);
    }
}
