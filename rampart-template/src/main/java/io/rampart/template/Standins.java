package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Deterministic stand-ins for what only ARM knows: the objects the scope functions return
 * (template-functions-scope.md), environment() for AzureCloud (template-functions-deployment.md),
 * deployer(), the built-in role definitions Bicep names, and which regions have availability zones.
 */
final class Standins {

    /** environment() in global Azure, as template-functions-deployment.md lists it. */
    static final JsonNode ENVIRONMENT = Json.read("""
            {
              "name": "AzureCloud",
              "gallery": "https://gallery.azure.com/",
              "graph": "https://graph.windows.net/",
              "portal": "https://portal.azure.com",
              "graphAudience": "https://graph.windows.net/",
              "activeDirectoryDataLake": "https://datalake.azure.net/",
              "batch": "https://batch.core.windows.net/",
              "media": "https://rest.media.azure.net",
              "sqlManagement": "https://management.core.windows.net:8443/",
              "vmImageAliasDoc": "https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json",
              "resourceManager": "https://management.azure.com/",
              "authentication": {
                "loginEndpoint": "https://login.microsoftonline.com/",
                "audiences": ["https://management.core.windows.net/", "https://management.azure.com/"],
                "tenant": "common",
                "identityProvider": "AAD"
              },
              "suffixes": {
                "acrLoginServer": ".azurecr.io",
                "azureDatalakeAnalyticsCatalogAndJob": "azuredatalakeanalytics.net",
                "azureDatalakeStoreFileSystem": "azuredatalakestore.net",
                "azureFrontDoorEndpointSuffix": "azurefd.net",
                "keyvaultDns": ".vault.azure.net",
                "sqlServerHostname": ".database.windows.net",
                "storage": "core.windows.net"
              }
            }""", "environment()");

    /** Public-cloud regions with availability zones (for pickZones). */
    private static final Set<String> ZONE_REGIONS = Set.of("eastus", "eastus2", "centralus", "southcentralus", "westus2", "westus3",
            "canadacentral", "brazilsouth", "mexicocentral", "northeurope", "westeurope", "francecentral", "germanywestcentral",
            "italynorth", "norwayeast", "polandcentral", "spaincentral", "swedencentral", "switzerlandnorth", "uksouth",
            "qatarcentral", "uaenorth", "israelcentral", "southafricanorth", "australiaeast", "centralindia", "japaneast",
            "japanwest", "koreacentral", "southeastasia", "eastasia", "newzealandnorth", "indonesiacentral", "malaysiawest",
            "austriaeast", "belgiumcentral", "denmarkeast", "chilecentral");

    /** Global (never zonal) resource types: pickZones returns no zone for them. */
    private static final Set<String> GLOBAL_TYPES = Set.of("microsoft.cdn/profiles", "microsoft.network/frontdoors",
            "microsoft.network/trafficmanagerprofiles", "microsoft.network/dnszones", "microsoft.network/privatednszones",
            "microsoft.resources/deployments", "microsoft.authorization/roleassignments", "microsoft.authorization/policyassignments");

    /** The ids of the built-in roles Bicep's roleDefinitions() names most. */
    private static final Map<String, String> BUILT_IN_ROLES = Map.of(
            "owner", "8e3af657-a8ff-443c-a75c-2fe8c4bcb635",
            "contributor", "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "reader", "acdd72a7-3385-48ef-bd42-f606fba81ae7",
            "user access administrator", "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9",
            "role based access control administrator", "f58310d9-a9f6-439a-9e8d-f62e7b41a168");

    private Standins() {
    }

    static JsonNode resourceGroup(Target t) {
        ObjectNode o = Values.object();
        o.put("id", t.scopeId());
        o.put("name", t.resourceGroup());
        o.put("type", "Microsoft.Resources/resourceGroups");
        o.put("location", t.location());
        o.putObject("tags");
        o.putObject("properties").put("provisioningState", "Succeeded");
        return o;
    }

    static JsonNode subscription(Target t) {
        ObjectNode o = Values.object();
        o.put("id", "/subscriptions/" + t.subscriptionId());
        o.put("subscriptionId", t.subscriptionId());
        o.put("tenantId", t.tenantId());
        o.put("displayName", "Rampart stand-in subscription");
        return o;
    }

    static JsonNode tenant(String tenantId) {
        ObjectNode o = Values.object();
        o.put("countryCode", "US");
        o.put("displayName", "Rampart stand-in tenant");
        o.put("id", "/tenants/" + tenantId);
        o.put("tenantId", tenantId);
        return o;
    }

    static JsonNode managementGroup(String name, String tenantId) {
        ObjectNode o = Values.object();
        o.put("id", ResourceIds.managementGroupId(name));
        o.put("name", name);
        o.put("type", "/providers/Microsoft.Management/managementGroups");
        ObjectNode props = o.putObject("properties");
        props.put("displayName", name);
        props.put("tenantId", tenantId);
        ObjectNode parent = props.putObject("details").putObject("parent");
        parent.put("id", ResourceIds.managementGroupId(tenantId));
        parent.put("name", tenantId);
        parent.put("displayName", "Tenant Root Group");
        return o;
    }

    static JsonNode deployer(String tenantId) {
        ObjectNode o = Values.object();
        o.put("objectId", "00000000-0000-0000-0000-000000000000");
        o.put("tenantId", tenantId);
        return o;
    }

    static JsonNode roleDefinition(String name, Target scope) {
        String id = BUILT_IN_ROLES.get(name.toLowerCase(Locale.ROOT));
        if (id == null) {
            return Unknown.of("the id of the role '" + name + "' is known to ARM");
        }
        ObjectNode o = Values.object();
        String sub = scope.subscriptionId();
        o.put("id", (sub == null ? "" : "/subscriptions/" + sub) + "/providers/Microsoft.Authorization/roleDefinitions/" + id);
        o.put("name", id);
        return o;
    }

    static boolean zonal(String namespace, String type, String location) {
        String t = (namespace + "/" + type).toLowerCase(Locale.ROOT);
        String region = location.toLowerCase(Locale.ROOT).replace(" ", "");
        return ZONE_REGIONS.contains(region) && !GLOBAL_TYPES.contains(t);
    }
}
