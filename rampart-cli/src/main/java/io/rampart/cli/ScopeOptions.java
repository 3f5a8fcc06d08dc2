package io.rampart.cli;

import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * Where remediations are: --scope with a full id, or az's shorthands --management-group,
 * --subscription and --resource-group. A remediation's scope is a management group, a
 * subscription, a resource group or a resource (PolicyInsights 2021-10-01 has no tenant-level
 * remediations).
 */
final class ScopeOptions {

    @Option(names = "--scope", paramLabel = "SCOPE", description = "A management group (/providers/Microsoft.Management/managementGroups/MG), "
            + "subscription (/subscriptions/SUB), resource group (/subscriptions/SUB/resourceGroups/RG) or resource id.")
    String scope;

    @Option(names = {"-m", "--management-group"}, paramLabel = "MG", description = "Short for --scope /providers/Microsoft.Management/managementGroups/MG.")
    String managementGroup;

    @Option(names = "--subscription", paramLabel = "SUB", description = "Short for --scope /subscriptions/SUB.")
    String subscription;

    @Option(names = {"-g", "--resource-group"}, paramLabel = "RG", description = "With --subscription: short for --scope /subscriptions/SUB/resourceGroups/RG.")
    String resourceGroup;

    /** The scope given, if any. */
    Optional<ArmId> scope() {
        int given = (scope != null ? 1 : 0) + (managementGroup != null ? 1 : 0) + (subscription != null ? 1 : 0);
        if (given > 1) {
            throw new CliException("give one of --scope, --management-group and --subscription (with --resource-group)");
        }
        if (resourceGroup != null && subscription == null) {
            throw new CliException("--resource-group needs --subscription (or give --scope /subscriptions/SUB/resourceGroups/RG)");
        }
        if (scope != null) {
            return Optional.of(parse(scope, "--scope"));
        }
        if (managementGroup != null) {
            return Optional.of(parse("/providers/Microsoft.Management/managementGroups/" + segment(managementGroup, "--management-group"),
                    "--management-group"));
        }
        if (subscription != null) {
            String id = "/subscriptions/" + segment(subscription, "--subscription");
            return Optional.of(resourceGroup == null ? parse(id, "--subscription")
                    : parse(id + "/resourceGroups/" + segment(resourceGroup, "--resource-group"), "--resource-group"));
        }
        return Optional.empty();
    }

    /** A remediation scope: an ARM id of a management group, subscription, resource group or resource. */
    static ArmId parse(String text, String what) {
        ArmId id;
        try {
            id = ArmId.parse(text);
        } catch (InvalidArmIdException e) {
            throw new CliException(what + ": not a scope: " + e.getMessage() + "; expected " + FORMS);
        }
        if (!text.strip().startsWith("/")) {
            throw new CliException(what + ": expected an id starting with '/' (" + FORMS + "), got " + text);
        }
        if (id.kind() == ArmId.Kind.TENANT) {
            throw new CliException(what + ": remediations can't be made at the tenant root; expected " + FORMS);
        }
        return id;
    }

    static final String FORMS = "/providers/Microsoft.Management/managementGroups/MG, /subscriptions/SUB, "
            + "/subscriptions/SUB/resourceGroups/RG or a resource id";

    private static String segment(String value, String option) {
        String v = value.strip();
        if (v.isEmpty() || v.contains("/")) {
            throw new CliException(option + ": expected a name without '/', got '" + value + "'");
        }
        return v;
    }
}
