package io.rampart.server.governance;

import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.server.arm.ArmErrors;

import java.util.Locale;
import java.util.Set;

/**
 * Between the server's ids (parsed for routing: {@link io.rampart.server.arm.ArmId}) and the
 * governance core's ({@link io.rampart.governance.scope.ArmId}: scope chains, hierarchy). Both
 * parse the same ARM id text; the server keeps its own because its routing needs collection paths
 * and the kinds of ARM's URL scheme, which the core has no business knowing.
 */
public final class GovernanceIds {

    /** Types policy does not evaluate: the policy objects themselves, role assignments, deployments (Rampart's choice, see the README). */
    private static final Set<String> NOT_EVALUATED = Set.of("microsoft.authorization/policydefinitions",
            "microsoft.authorization/policysetdefinitions", "microsoft.authorization/policyassignments",
            "microsoft.authorization/policyexemptions", "microsoft.authorization/roleassignments",
            "microsoft.authorization/roledefinitions", "microsoft.resources/deployments",
            "microsoft.management/managementgroups/subscriptions");

    private GovernanceIds() {
    }

    public static io.rampart.governance.scope.ArmId of(io.rampart.server.arm.ArmId id) {
        return parse(id.id());
    }

    public static io.rampart.governance.scope.ArmId parse(String id) {
        try {
            return io.rampart.governance.scope.ArmId.parse(id);
        } catch (InvalidArmIdException e) {
            throw ArmErrors.invalidResourceId(id);
        }
    }

    /** Whether policies evaluate resources of this type (management groups and the types above are left alone). */
    public static boolean evaluated(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        return !NOT_EVALUATED.contains(t) && !t.equals("microsoft.management/managementgroups") && !t.startsWith("microsoft.resources/deployments/");
    }
}
