package io.rampart.template;

/**
 * The deterministic stand-ins for deployment-time values (set from the command line or defaults):
 * what {@code subscription()}, {@code resourceGroup()}, {@code tenant()}, {@code managementGroup()}
 * and {@code deployment()} return.
 *
 * @param subscriptionId    e.g. 00000000-0000-0000-0000-000000000000
 * @param resourceGroup     resource group name (resource-group scope)
 * @param location          the resource group's / deployment's location, e.g. eastus
 * @param tenantId          tenant id
 * @param managementGroup   management group name (management-group scope), may be null
 * @param deploymentName    the deployment's name
 */
public record DeploymentContext(String subscriptionId, String resourceGroup, String location, String tenantId,
                                String managementGroup, String deploymentName) {

    public static DeploymentContext defaults() {
        return new DeploymentContext("00000000-0000-0000-0000-000000000000", "rampart-rg", "eastus",
                "00000000-0000-0000-0000-000000000000", "rampart-mg", "rampart-deployment");
    }
}
