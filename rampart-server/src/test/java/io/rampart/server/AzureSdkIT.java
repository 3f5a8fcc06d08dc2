package io.rampart.server;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.core.management.exception.AdditionalInfo;
import com.azure.resourcemanager.policyinsights.PolicyInsightsManager;
import com.azure.resourcemanager.policyinsights.models.PolicyState;
import com.azure.resourcemanager.policyinsights.models.PolicyStatesResource;
import com.azure.resourcemanager.policyinsights.models.Remediation;
import com.azure.resourcemanager.policyinsights.models.RemediationDeployment;
import com.azure.resourcemanager.policyinsights.models.ResourceDiscoveryMode;
import com.azure.resourcemanager.policyinsights.models.SummarizeResults;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.Deployment;
import com.azure.resourcemanager.resources.models.DeploymentMode;
import com.azure.resourcemanager.resources.models.EnforcementMode;
import com.azure.resourcemanager.resources.models.PolicyAssignment;
import com.azure.resourcemanager.resources.models.PolicyDefinition;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Azure SDK for Java pointed at Rampart over HTTPS: azure-resourcemanager-resources
 * (resource groups, generic resources, paging through nextLink, policy definitions and assignments,
 * ARM errors as ManagementException, the policy 403 with its additionalInfo) and
 * azure-resourcemanager-policyinsights (policy states with nextLink paging, summarize,
 * triggerEvaluation as a long-running operation); template deployments through the SDK's
 * long-running create, refused as a whole when policy denies one resource; a remediation created,
 * polled, listed, refused a cancel once finished and deleted with the PolicyInsights SDK.
 */
class AzureSdkIT extends ServerTestBase {

    private static final String ALLOWED_LOCATIONS = "/providers/Microsoft.Authorization/policyDefinitions/e56962a6-4747-49cd-b67b-bf8b01975c4c";

    private String subscription;
    private ResourceManager arm;

    @BeforeEach
    void connect() {
        subscription = newSubscription();
        arm = manager(ADMIN_TOKEN, subscription);
    }

    private static TokenCredential credential(String token) {
        return request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
    }

    private AzureProfile profile(String subscriptionId) {
        AzureEnvironment environment = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", base() + "/",
                "managementEndpointUrl", base() + "/",
                "activeDirectoryEndpointUrl", base() + "/",
                "activeDirectoryResourceId", base() + "/"));
        return new AzureProfile(TENANT, subscriptionId, environment);
    }

    private static HttpClient http() {
        return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(SSL)).build();
    }

    ResourceManager manager(String token, String subscriptionId) {
        return ResourceManager.configure().withHttpClient(http())
                .authenticate(credential(token), profile(subscriptionId))
                .withSubscription(subscriptionId);
    }

    PolicyInsightsManager insights(String token, String subscriptionId) {
        return PolicyInsightsManager.configure().withHttpClient(http()).withDefaultPollInterval(Duration.ofMillis(200))
                .authenticate(credential(token), profile(subscriptionId));
    }

    private GenericResource.DefinitionStages.WithCreate storageAccount(String name, Region region) {
        return arm.genericResources().define(name).withRegion(region).withExistingResourceGroup("policy-rg")
                .withResourceType("storageAccounts").withProviderNamespace("Microsoft.Storage").withoutPlan().withApiVersion("2023-01-01")
                .withProperties(Map.of("supportsHttpsTrafficOnly", true));
    }

    @Test
    void anAssignmentMadeWithTheSdkDeniesAWriteThatBreaksIt_andComplianceIsListedWithThePolicyInsightsSdk() {
        ResourceGroup group = arm.resourceGroups().define("policy-rg").withRegion(Region.EUROPE_WEST).create();
        PolicyDefinition builtIn = arm.policyDefinitions().getByName("e56962a6-4747-49cd-b67b-bf8b01975c4c");
        assertThat(builtIn.displayName()).isEqualTo("Allowed locations");
        PolicyAssignment assignment = arm.policyAssignments().define("allowed-locations").forResourceGroup(group)
                .withPolicyDefinitionId(ALLOWED_LOCATIONS).withDisplayName("Allowed locations")
                .withParameter("listOfAllowedLocations", List.of("westeurope")).withEnforcementMode(EnforcementMode.DEFAULT).create();
        assertThat(assignment.scope()).isEqualTo(group.id());
        assertThat(assignment.policyDefinitionId()).isEqualTo(ALLOWED_LOCATIONS);
        assertThat(arm.policyAssignments().listByResourceGroup("policy-rg").stream().map(PolicyAssignment::name)).contains("allowed-locations");

        for (int i = 0; i < 6; i++) {
            storageAccount("inside" + i, Region.EUROPE_WEST).create();
        }
        assertThatThrownBy(() -> storageAccount("outside", Region.US_EAST).create())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
                    assertThat(e.getValue().getCode()).isEqualTo("RequestDisallowedByPolicy");
                    assertThat(e.getValue().getTarget()).isEqualTo("outside");
                    assertThat(e.getValue().getMessage()).startsWith("Resource 'outside' was disallowed by policy.");
                    assertThat(e.getValue().getAdditionalInfo()).hasSize(1);
                    AdditionalInfo info = e.getValue().getAdditionalInfo().getFirst();
                    assertThat(info.getType()).isEqualTo("PolicyViolation");
                    assertThat(info.getInfo()).isInstanceOf(Map.class);
                    Map<?, ?> violation = (Map<?, ?>) info.getInfo();
                    assertThat(violation.get("policyAssignmentName")).isEqualTo("allowed-locations");
                    assertThat(violation.get("policyDefinitionName")).isEqualTo("e56962a6-4747-49cd-b67b-bf8b01975c4c");
                    assertThat(violation.get("policyAssignmentScope")).isEqualTo(group.id());
                });
        assertThat(arm.genericResources().checkExistence("policy-rg", "Microsoft.Storage", "", "storageAccounts", "outside", "2023-01-01")).isFalse();

        PolicyInsightsManager insights = insights(ADMIN_TOKEN, subscription);
        // pages of 5: the SDK follows @odata.nextLink (with GET)
        List<PolicyState> states = insights.policyStates().listQueryResultsForResourceGroup(PolicyStatesResource.LATEST, subscription, "policy-rg")
                .stream().toList();
        assertThat(states).hasSize(6).allSatisfy(s -> {
            assertThat(s.policyAssignmentName()).isEqualTo("allowed-locations");
            assertThat(s.complianceState()).isEqualTo("Compliant");
            assertThat(s.isCompliant()).isTrue();
        });
        assertThat(states.stream().map(PolicyState::resourceId)).contains(group.id() + "/providers/Microsoft.Storage/storageAccounts/inside0");

        // a long-running operation: the SDK polls the Location header until the scan is done
        insights.policyStates().triggerResourceGroupEvaluation(subscription, "policy-rg");
        SummarizeResults summary = insights.policyStates().summarizeForResourceGroup(subscription, "policy-rg");
        assertThat(summary.value()).hasSize(1);
        assertThat(summary.value().getFirst().results().nonCompliantResources()).isZero();
        assertThat(summary.value().getFirst().policyAssignments()).hasSize(1);
        assertThat(summary.value().getFirst().policyAssignments().getFirst().policyAssignmentId()).isEqualToIgnoringCase(assignment.id());

        // DoNotEnforce: the write goes through and is recorded NonCompliant
        arm.policyAssignments().deleteById(assignment.id());
        arm.policyAssignments().define("allowed-locations-audit").forResourceGroup(group).withPolicyDefinitionId(ALLOWED_LOCATIONS)
                .withParameter("listOfAllowedLocations", List.of("westeurope")).withEnforcementMode(EnforcementMode.DO_NOT_ENFORCE).create();
        storageAccount("outside", Region.US_EAST).create();
        List<PolicyState> outside = insights.policyStates().listQueryResultsForResource(PolicyStatesResource.LATEST,
                group.id() + "/providers/Microsoft.Storage/storageAccounts/outside").stream().toList();
        assertThat(outside).singleElement().satisfies(s -> {
            assertThat(s.complianceState()).isEqualTo("NonCompliant");
            assertThat(s.policyAssignmentName()).isEqualTo("allowed-locations-audit");
        });
    }

    @Test
    void aRemediationMadeWithThePolicyInsightsSdkRunsToSucceeded() {
        arm.resourceGroups().define("remediate-rg").withRegion(Region.US_EAST).create();
        String rg = "/subscriptions/" + subscription + "/resourceGroups/remediate-rg";
        for (String name : List.of("sa1", "sa2")) {
            assertThat(admin("PUT", rg + "/providers/Microsoft.Storage/storageAccounts/" + name + "?api-version=2023-01-01",
                    "{\"location\":\"eastus\",\"properties\":{}}").status()).isEqualTo(201);
        }
        Answer assigned = admin("PUT", rg + "/providers/Microsoft.Authorization/policyAssignments/add-owner?api-version=2023-04-01", """
                {"location": "eastus", "identity": {"type": "SystemAssigned"}, "properties": {
                  "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26",
                  "parameters": {"tagName": {"value": "owner"}, "tagValue": {"value": "platform"}}}}""");
        assertThat(assigned.status()).isEqualTo(201);
        String principal = assigned.body().path("identity").path("principalId").asText();
        assertThat(admin("PUT", rg + "/providers/Microsoft.Authorization/roleAssignments/" + java.util.UUID.randomUUID() + "?api-version=2022-04-01",
                "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR + "\",\"principalId\":\""
                        + principal + "\",\"principalType\":\"ServicePrincipal\"}}").status()).isEqualTo(201);

        PolicyInsightsManager insights = insights(ADMIN_TOKEN, subscription);
        Remediation created = insights.remediations().define("sdk-fix").withExistingResourceGroup("remediate-rg")
                .withPolicyAssignmentId(rg + "/providers/Microsoft.Authorization/policyAssignments/add-owner")
                .withResourceDiscoveryMode(ResourceDiscoveryMode.RE_EVALUATE_COMPLIANCE).create();
        assertThat(created.name()).isEqualTo("sdk-fix");
        assertThat(created.provisioningState()).isEqualTo("Accepted");
        Remediation done = created;
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (!done.provisioningState().equals("Succeeded") && System.nanoTime() < deadline) {
            sleep(100);
            done = insights.remediations().getByResourceGroup("remediate-rg", "sdk-fix");
        }
        assertThat(done.provisioningState()).isEqualTo("Succeeded");
        assertThat(done.deploymentStatus().totalDeployments()).isEqualTo(2);
        assertThat(done.deploymentStatus().successfulDeployments()).isEqualTo(2);
        assertThat(done.resourceDiscoveryMode()).isEqualTo(ResourceDiscoveryMode.RE_EVALUATE_COMPLIANCE);
        List<RemediationDeployment> deployments = insights.remediations().listDeploymentsAtResourceGroup("remediate-rg", "sdk-fix").stream().toList();
        assertThat(deployments).hasSize(2).allSatisfy(d -> {
            assertThat(d.status()).isEqualTo("Succeeded");
            assertThat(d.resourceLocation()).isEqualTo("eastus");
            assertThat(d.error()).isNull();
        });
        assertThat(insights.remediations().listByResourceGroup("remediate-rg").stream().map(Remediation::name)).containsExactly("sdk-fix");
        assertThatThrownBy(() -> insights.remediations().cancelAtResourceGroup("remediate-rg", "sdk-fix"))
                .isInstanceOfSatisfying(ManagementException.class, e -> assertThat(e.getValue().getCode()).isEqualTo("InvalidCancelRemediationRequest"));
        assertThat(insights.remediations().deleteByResourceGroup("remediate-rg", "sdk-fix").name()).isEqualTo("sdk-fix");
        assertThat(insights.remediations().listByResourceGroup("remediate-rg").stream()).isEmpty();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createsAResourceGroupAndResourcesAndPagesThroughThem() {
        ResourceGroup group = arm.resourceGroups().define("sdk-rg").withRegion(Region.EUROPE_WEST).withTag("env", "test").create();
        assertThat(group.id()).isEqualTo("/subscriptions/" + subscription + "/resourceGroups/sdk-rg");
        assertThat(group.regionName()).isEqualTo("westeurope");
        assertThat(arm.resourceGroups().contain("sdk-rg")).isTrue();
        assertThat(arm.resourceGroups().contain("other-rg")).isFalse();

        for (int i = 0; i < 12; i++) {
            GenericResource created = arm.genericResources().define("sa" + i).withRegion(Region.EUROPE_WEST)
                    .withExistingResourceGroup("sdk-rg").withResourceType("storageAccounts").withProviderNamespace("Microsoft.Storage")
                    .withoutPlan().withApiVersion("2023-01-01")
                    .withProperties(Map.of("supportsHttpsTrafficOnly", true)).create();
            assertThat(created.name()).isEqualTo("sa" + i);
        }
        // the server answers 5 per page: the SDK follows nextLink
        List<String> names = arm.genericResources().listByResourceGroup("sdk-rg").stream().map(GenericResource::name).collect(Collectors.toList());
        assertThat(names).hasSize(12).contains("sa0", "sa11");
        assertThat(arm.resourceGroups().list().stream().map(ResourceGroup::name)).containsExactly("sdk-rg");

        GenericResource read = arm.genericResources().getById(
                "/subscriptions/" + subscription + "/resourceGroups/sdk-rg/providers/Microsoft.Storage/storageAccounts/sa3", "2023-01-01");
        assertThat(read.properties()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) read.properties()).get("supportsHttpsTrafficOnly")).isEqualTo(true);

        arm.genericResources().deleteById(read.id(), "2023-01-01");
        assertThat(arm.genericResources().listByResourceGroup("sdk-rg").stream().count()).isEqualTo(11);
        arm.resourceGroups().deleteByName("sdk-rg");
        assertThat(arm.resourceGroups().contain("sdk-rg")).isFalse();
    }

    @Test
    void armErrorsReachTheSdkAsManagementExceptions() {
        assertThatThrownBy(() -> arm.resourceGroups().getByName("missing"))
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getValue().getCode()).isEqualTo("ResourceGroupNotFound");
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(404);
                });
        Principal reader = newPrincipal("sdk reader");
        assignRole(reader, READER, "/subscriptions/" + subscription);
        ResourceManager asReader = manager(reader.token(), subscription);
        assertThat(asReader.resourceGroups().list().stream().count()).isZero();
        assertThatThrownBy(() -> asReader.resourceGroups().define("nope").withRegion(Region.EUROPE_WEST).create())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getValue().getCode()).isEqualTo("AuthorizationFailed");
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(403);
                });
    }

    private static final String TEMPLATE = """
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
             "parameters": {"name": {"type": "string"}, "location": {"type": "string"}},
             "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "[parameters('name')]",
                            "location": "[parameters('location')]", "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {}}],
             "outputs": {"id": {"type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', parameters('name'))]"}}}""";

    @Test
    void aTemplateDeploymentWithTheSdkIsEnforced_allOrNothing() throws Exception {
        ResourceGroup group = arm.resourceGroups().define("deploy-rg").withRegion(Region.EUROPE_WEST).create();
        arm.policyAssignments().define("allowed-locations").forResourceGroup(group).withPolicyDefinitionId(ALLOWED_LOCATIONS)
                .withParameter("listOfAllowedLocations", List.of("westeurope")).create();
        Deployment ok = arm.deployments().define("ok").withExistingResourceGroup("deploy-rg").withTemplate(TEMPLATE)
                .withParameters(Map.of("name", Map.of("value", "deployedok"), "location", Map.of("value", "westeurope")))
                .withMode(DeploymentMode.INCREMENTAL).create();
        assertThat(ok.provisioningState()).isEqualTo("Succeeded");
        assertThat(ok.outputs()).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) ((Map<?, ?>) ok.outputs()).get("id")).get("value")).isEqualTo(group.id() + "/providers/Microsoft.Storage/storageAccounts/deployedok");
        assertThat(arm.genericResources().checkExistence("deploy-rg", "Microsoft.Storage", "", "storageAccounts", "deployedok", "2023-01-01")).isTrue();

        assertThatThrownBy(() -> arm.deployments().define("bad").withExistingResourceGroup("deploy-rg").withTemplate(TEMPLATE)
                .withParameters(Map.of("name", Map.of("value", "deployedbad"), "location", Map.of("value", "eastus")))
                .withMode(DeploymentMode.INCREMENTAL).create())
                .isInstanceOfSatisfying(ManagementException.class, e -> {
                    assertThat(e.getResponse().getStatusCode()).isEqualTo(400);
                    assertThat(e.getValue().getCode()).isEqualTo("InvalidTemplateDeployment");
                    assertThat(e.getValue().getDetails()).singleElement().satisfies(d -> {
                        assertThat(d.getCode()).isEqualTo("RequestDisallowedByPolicy");
                        assertThat(d.getTarget()).isEqualTo("deployedbad");
                    });
                });
        assertThat(arm.genericResources().checkExistence("deploy-rg", "Microsoft.Storage", "", "storageAccounts", "deployedbad", "2023-01-01")).isFalse();
    }
}
