package io.rampart.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of endpoint, three ways: without a token (401), with a Reader token on a write (403
 * AuthorizationFailed), and with a token that is Owner of another subscription only (403 on
 * everything of this one). Nothing is open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityTest extends ServerTestBase {

    record Endpoint(String method, String path, String body, boolean write) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    String sub;
    Principal reader;
    Principal stranger;

    @BeforeAll
    void estate() {
        sub = newSubscription();
        admin("PUT", "/subscriptions/" + sub + "/resourceGroups/rg?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
        admin("PUT", "/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.Web/sites/app?api-version=2022-09-01", "{\"location\":\"westeurope\"}");
        admin("PUT", "/providers/Microsoft.Management/managementGroups/sec-" + sub + "?api-version=2021-04-01", "{\"properties\":{}}");
        reader = newPrincipal("reader");
        assignRole(reader, READER, "/subscriptions/" + sub);
        String other = newSubscription();
        stranger = newPrincipal("stranger");
        assignRole(stranger, OWNER, "/subscriptions/" + other);
    }

    List<Endpoint> endpoints() {
        String s = "/subscriptions/" + sub;
        String rg = s + "/resourceGroups/rg";
        String app = rg + "/providers/Microsoft.Web/sites/app";
        String mg = "/providers/Microsoft.Management/managementGroups/sec-" + sub;
        String q = "?api-version=2022-09-01";
        String resource = "{\"location\":\"westeurope\"}";
        List<Endpoint> all = new ArrayList<>();
        all.add(new Endpoint("GET", s + q, null, false));
        all.add(new Endpoint("GET", s + "/resourcegroups" + q, null, false));
        all.add(new Endpoint("GET", rg + q, null, false));
        all.add(new Endpoint("PUT", rg + q, resource, true));
        all.add(new Endpoint("PATCH", rg + q, "{\"tags\":{}}", true));
        all.add(new Endpoint("DELETE", rg + q, null, true));
        all.add(new Endpoint("GET", s + "/resources" + q, null, false));
        all.add(new Endpoint("GET", rg + "/resources" + q, null, false));
        all.add(new Endpoint("GET", app + q, null, false));
        all.add(new Endpoint("PUT", app + q, resource, true));
        all.add(new Endpoint("PATCH", app + q, "{\"tags\":{}}", true));
        all.add(new Endpoint("DELETE", app + q, null, true));
        all.add(new Endpoint("PUT", app + "/slots/staging" + q, resource, true));
        all.add(new Endpoint("PUT", app + "/providers/Microsoft.Insights/diagnosticSettings/d" + q, "{\"properties\":{}}", true));
        all.add(new Endpoint("GET", rg + "/providers/Microsoft.Web/sites" + q, null, false));
        all.add(new Endpoint("PUT", s + "/providers/Microsoft.Authorization/policyDefinitions/p" + q,
                "{\"properties\":{\"policyRule\":{\"if\":{\"field\":\"type\",\"equals\":\"a\"},\"then\":{\"effect\":\"audit\"}}}}", true));
        all.add(new Endpoint("PUT", s + "/providers/Microsoft.Authorization/policyAssignments/a" + q,
                "{\"properties\":{\"policyDefinitionId\":\"/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c\"}}", true));
        all.add(new Endpoint("GET", s + "/providers/Microsoft.Authorization/policyAssignments" + q, null, false));
        all.add(new Endpoint("PUT", s + "/providers/Microsoft.Authorization/roleAssignments/7a1f0c7e-0000-4000-8000-000000000001" + q,
                "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + OWNER + "\",\"principalId\":\"x\"}}", true));
        all.add(new Endpoint("GET", s + "/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter=eventTimestamp%20ge%20'2020-01-01'", null, false));
        String states = "/providers/Microsoft.PolicyInsights/policyStates/latest/";
        String pi = "?api-version=2024-10-01";
        all.add(new Endpoint("POST", s + states + "queryResults" + pi, null, false));
        all.add(new Endpoint("POST", rg + states + "summarize" + pi, null, false));
        all.add(new Endpoint("POST", app + states + "queryResults" + pi, null, false));
        all.add(new Endpoint("POST", mg + states + "queryResults" + pi, null, false));
        all.add(new Endpoint("POST", s + "/providers/Microsoft.Authorization/policyAssignments/a" + states + "queryResults" + pi, null, false));
        all.add(new Endpoint("POST", s + states + "triggerEvaluation" + pi, null, true));
        all.add(new Endpoint("POST", rg + states + "triggerEvaluation" + pi, null, true));
        String deployment = "{\"properties\":{\"mode\":\"Incremental\",\"template\":{\"$schema\":\"x\",\"contentVersion\":\"1.0.0.0\",\"resources\":[]}}}";
        all.add(new Endpoint("PUT", rg + "/providers/Microsoft.Resources/deployments/d" + q, deployment, true));
        all.add(new Endpoint("POST", rg + "/providers/Microsoft.Resources/deployments/d/validate" + q, deployment, true));
        all.add(new Endpoint("POST", rg + "/providers/Microsoft.Authorization/policyAssignments/a/preview" + q,
                "{\"properties\":{\"policyDefinitionId\":\"/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c\"}}", false));
        String remediation = "{\"properties\":{\"policyAssignmentId\":\"" + s + "/providers/Microsoft.Authorization/policyAssignments/a\"}}";
        String rv = "?api-version=2021-10-01";
        for (String scope : List.of(s, rg, mg, app)) {
            String r = scope + "/providers/Microsoft.PolicyInsights/remediations";
            all.add(new Endpoint("PUT", r + "/r" + rv, remediation, true));
            all.add(new Endpoint("GET", r + "/r" + rv, null, false));
            all.add(new Endpoint("DELETE", r + "/r" + rv, null, true));
            all.add(new Endpoint("GET", r + rv, null, false));
            all.add(new Endpoint("POST", r + "/r/listDeployments" + rv, null, false));
            all.add(new Endpoint("POST", r + "/r/cancel" + rv, null, true));
        }
        all.add(new Endpoint("GET", mg + q, null, false));
        all.add(new Endpoint("PUT", mg + q, "{\"properties\":{}}", true));
        all.add(new Endpoint("PUT", "/providers/Microsoft.Management/managementGroups/sec-" + sub + "/subscriptions/" + sub + q, "{}", true));
        all.add(new Endpoint("POST", "/providers/Rampart.Access/principals" + q, "{\"displayName\":\"x\"}", true));
        all.add(new Endpoint("GET", "/metrics", null, false));
        return all;
    }

    List<Endpoint> writes() {
        return endpoints().stream().filter(Endpoint::write).toList();
    }

    List<Endpoint> armEndpoints() {
        return endpoints().stream().filter(e -> !e.path().startsWith("/metrics") && !e.path().startsWith("/providers/Rampart")).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void withoutATokenEverythingIs401(Endpoint e) {
        Answer a = call(e.method(), e.path(), null, e.body());
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.code()).isEqualTo("AuthenticationFailed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void aReaderMayNotWrite(Endpoint e) {
        Answer a = call(e.method(), e.path(), reader.token(), e.body());
        assertThat(a.status()).as("%s", a.body()).isEqualTo(403);
        assertThat(a.code()).isEqualTo("AuthorizationFailed");
        assertThat(a.body().path("error").path("message").asText()).contains("'" + reader.id() + "'").contains("does not have authorization");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("armEndpoints")
    void anOwnerOfAnotherSubscriptionGetsNothingHere(Endpoint e) {
        Answer a = call(e.method(), e.path(), stranger.token(), e.body());
        assertThat(a.status()).as("%s", a.body()).isEqualTo(403);
        assertThat(a.code()).isEqualTo("AuthorizationFailed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void aForgedTokenIs401(Endpoint e) {
        Answer a = call(e.method(), e.path(), "rpt_forged", e.body());
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.code()).isEqualTo("InvalidAuthenticationToken");
    }
}
