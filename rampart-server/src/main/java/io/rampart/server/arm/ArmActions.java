package io.rampart.server.arm;

/** The RBAC / activity-log operation names ARM uses for requests ("Microsoft.Storage/storageAccounts/write"). */
public final class ArmActions {
    private ArmActions() {
    }

    public static String of(ArmId id, String verb) {
        return switch (id.kind()) {
            case SUBSCRIPTION -> "Microsoft.Resources/subscriptions/" + verb;
            case RESOURCE_GROUP -> "Microsoft.Resources/subscriptions/resourceGroups/" + verb;
            default -> id.type() + "/" + verb;
        };
    }

    public static String ofType(String type, String verb) {
        if (type.equalsIgnoreCase(ArmId.RESOURCE_GROUP_TYPE)) {
            return "Microsoft.Resources/subscriptions/resourceGroups/" + verb;
        }
        return type + "/" + verb;
    }
}
