package io.rampart.server;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.resources.models.ResourceGroup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Azure SDK for Java (azure-resourcemanager-resources) pointed at Rampart over HTTPS:
 * resource groups, generic resources, paging through nextLink, ARM errors as ManagementException.
 */
class AzureSdkIT extends ServerTestBase {

    private String subscription;
    private ResourceManager arm;

    @BeforeEach
    void connect() {
        subscription = newSubscription();
        arm = manager(ADMIN_TOKEN, subscription);
    }

    ResourceManager manager(String token, String subscriptionId) {
        TokenCredential credential = request -> Mono.just(new AccessToken(token, OffsetDateTime.now().plusHours(1)));
        AzureEnvironment environment = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", base() + "/",
                "managementEndpointUrl", base() + "/",
                "activeDirectoryEndpointUrl", base() + "/",
                "activeDirectoryResourceId", base() + "/"));
        HttpClient http = new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(SSL)).build();
        return ResourceManager.configure().withHttpClient(http)
                .authenticate(credential, new AzureProfile(TENANT, subscriptionId, environment))
                .withSubscription(subscriptionId);
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
}
