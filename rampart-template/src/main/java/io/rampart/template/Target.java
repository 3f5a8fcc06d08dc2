package io.rampart.template;

/**
 * One deployment's scope: where its resources go (their ids) and what the scope functions
 * ({@code resourceGroup()}, {@code subscription()}, {@code managementGroup()}) return when
 * expressions are evaluated there.
 *
 * @param scope           resource group, subscription, management group or tenant
 * @param subscriptionId  null at management group and tenant scope
 * @param resourceGroup   null above resource group scope
 * @param managementGroup null except at management group scope
 * @param location        the resource group's location, or the deployment's location above it
 * @param tenantId        the tenant
 */
record Target(DeploymentScope scope, String subscriptionId, String resourceGroup, String managementGroup,
              String location, String tenantId) {

    static Target of(DeploymentScope scope, DeploymentContext c) {
        return switch (scope) {
            case RESOURCE_GROUP -> new Target(scope, c.subscriptionId(), c.resourceGroup(), null, c.location(), c.tenantId());
            case SUBSCRIPTION -> new Target(scope, c.subscriptionId(), null, null, c.location(), c.tenantId());
            case MANAGEMENT_GROUP -> new Target(scope, null, null,
                    c.managementGroup() == null ? DeploymentContext.defaults().managementGroup() : c.managementGroup(), c.location(), c.tenantId());
            case TENANT -> new Target(scope, null, null, null, c.location(), c.tenantId());
        };
    }

    /** The id of the scope itself: what resource ids at this scope start with. */
    String scopeId() {
        return switch (scope) {
            case RESOURCE_GROUP -> "/subscriptions/" + subscriptionId + "/resourceGroups/" + resourceGroup;
            case SUBSCRIPTION -> "/subscriptions/" + subscriptionId;
            case MANAGEMENT_GROUP -> ResourceIds.managementGroupId(managementGroup);
            case TENANT -> "";
        };
    }

    Target resourceGroup(String subscription, String group) {
        return new Target(DeploymentScope.RESOURCE_GROUP, subscription, group, null, location, tenantId);
    }

    Target subscription(String subscription) {
        return new Target(DeploymentScope.SUBSCRIPTION, subscription, null, null, location, tenantId);
    }

    Target managementGroup(String group) {
        return new Target(DeploymentScope.MANAGEMENT_GROUP, null, null, group, location, tenantId);
    }

    Target tenant() {
        return new Target(DeploymentScope.TENANT, null, null, null, location, tenantId);
    }

    Target withLocation(String newLocation) {
        return new Target(scope, subscriptionId, resourceGroup, managementGroup, newLocation, tenantId);
    }
}
