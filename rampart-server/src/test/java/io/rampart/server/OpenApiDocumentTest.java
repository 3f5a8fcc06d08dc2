package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served API description is open, is OpenAPI 3, and every concrete path it lists answers as
 * described: with a token and an api-version the server routes it, asked with the method the
 * document gives (no 404 NoRegisteredProviderFound, no 400 InvalidResourceId, no 405).
 */
class OpenApiDocumentTest extends ServerTestBase {

    @Test
    void servesTheDescriptionWithoutAToken() {
        Answer a = call("GET", "/openapi.json", null, null);
        assertThat(a.status()).isEqualTo(200);
        assertThat(a.body().path("openapi").asText()).startsWith("3.");
        assertThat(a.body().path("paths").size()).isGreaterThan(10);
    }

    @Test
    void everyDescribedPathIsRouted() {
        String sub = newSubscription();
        admin("PUT", "/subscriptions/" + sub + "/resourceGroups/rg?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
        JsonNode paths = call("GET", "/openapi.json", null, null).body().path("paths");
        List<String> unrouted = new ArrayList<>();
        paths.fields().forEachRemaining(entry -> {
            String template = entry.getKey();
            if (template.equals("/health") || template.equals("/metrics") || template.contains("Rampart.Access")) {
                return;
            }
            String path = template.replace("{subscriptionId}", sub).replace("{resourceGroupName}", "rg").replace("{groupId}", TENANT)
                    .replace("{resourcePath}", "Microsoft.Web/sites/app").replace("{ascLocation}", "rampart").replace("{name}", "e56962a6-4747-49cd-b67b-bf8b01975c4c")
                    .replace("{policyStatesResource}", "latest").replace("{policyAssignmentName}", "a").replace("{policyDefinitionName}", "d")
                    .replace("{policySetDefinitionName}", "s").replace("{deploymentName}", "dep").replace("{remediationName}", "r").replace("{operationId}", UUID.randomUUID().toString());
            String query = path.contains("eventtypes") ? "?api-version=2015-04-01&$filter=eventTimestamp%20ge%20'2020-01-01'" : "?api-version=2022-09-01";
            // ask the way the document says: GET when it describes one, else its first operation (a POST action)
            String method = entry.getValue().has("get") ? "GET" : "POST";
            Answer a = admin(method, path + query, method.equals("POST") ? "{}" : null);
            if ("InvalidResourceId".equals(a.code()) || "NoRegisteredProviderFound".equals(a.code()) || a.status() == 405 || a.status() >= 500) {
                unrouted.add(method + " " + template + " -> " + a.status() + " " + a.body());
            }
        });
        assertThat(unrouted).isEmpty();
    }
}
