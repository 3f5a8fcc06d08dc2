package io.rampart.server.arm;

import java.util.Locale;
import java.util.Optional;

/**
 * A parsed ARM resource id. {@code scope}: where the resource lives ("/" for the tenant, a
 * subscription, a resource group, a management group, or another resource for extension and
 * child resources); {@code type}: the full type ("Microsoft.Sql/servers/databases").
 */
public record ArmId(String id, String scope, String type, String name, String subscriptionId, String resourceGroup,
                    Kind kind, Optional<String> parentResource) {

    public enum Kind { SUBSCRIPTION, RESOURCE_GROUP, MANAGEMENT_GROUP, RESOURCE }

    public static final String SUBSCRIPTION_TYPE = "Microsoft.Resources/subscriptions";
    public static final String RESOURCE_GROUP_TYPE = "Microsoft.Resources/resourceGroups";
    public static final String MANAGEMENT_GROUP_TYPE = "Microsoft.Management/managementGroups";
    public static final String MANAGEMENT_GROUP_PREFIX = "/providers/Microsoft.Management/managementGroups/";

    public static ArmId subscription(String subscriptionId) {
        return new ArmId("/subscriptions/" + subscriptionId, "/", SUBSCRIPTION_TYPE, subscriptionId, subscriptionId, null,
                Kind.SUBSCRIPTION, Optional.empty());
    }

    public static ArmId resourceGroup(String subscriptionId, String name) {
        return new ArmId("/subscriptions/" + subscriptionId + "/resourceGroups/" + name, "/subscriptions/" + subscriptionId,
                RESOURCE_GROUP_TYPE, name, subscriptionId, name, Kind.RESOURCE_GROUP, Optional.empty());
    }

    public static ArmId managementGroup(String name) {
        return new ArmId(MANAGEMENT_GROUP_PREFIX + name, "/", MANAGEMENT_GROUP_TYPE, name, null, null, Kind.MANAGEMENT_GROUP,
                Optional.empty());
    }

    /** Parses any resource id, or fails with ARM's InvalidResourceId. */
    public static ArmId parse(String id) {
        ArmRoute route = ArmRoute.parse(id);
        if (route instanceof ArmRoute.Single single) {
            return single.id();
        }
        throw ArmErrors.invalidResourceId(id);
    }

    public boolean isType(String t) {
        return type.equalsIgnoreCase(t);
    }

    /** The type's namespace ("Microsoft.Storage"). */
    public String namespace() {
        return type.substring(0, type.indexOf('/'));
    }

    /** The type without its namespace, and the name: "storageAccounts/sa1" (what ARM's not-found message names). */
    public String typeAndName() {
        return type.substring(type.indexOf('/') + 1) + "/" + name;
    }

    public String key() {
        return id.toLowerCase(Locale.ROOT);
    }
}
