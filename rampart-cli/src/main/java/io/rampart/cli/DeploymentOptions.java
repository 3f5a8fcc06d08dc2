package io.rampart.cli;

import io.rampart.template.DeploymentContext;
import io.rampart.template.DeploymentScope;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The stand-ins for deployment-time values, shared by {@code template check} and {@code template expand}. */
final class DeploymentOptions {

    /** --scope values, spelled as ARM spells them. */
    enum Scope {
        resourceGroup(DeploymentScope.RESOURCE_GROUP), subscription(DeploymentScope.SUBSCRIPTION),
        managementGroup(DeploymentScope.MANAGEMENT_GROUP), tenant(DeploymentScope.TENANT);

        final DeploymentScope value;

        Scope(DeploymentScope value) {
            this.value = value;
        }
    }

    @Option(names = "--scope", paramLabel = "SCOPE",
            description = "Deployment scope: ${COMPLETION-CANDIDATES} (default: from the template's $schema).")
    Scope scope;

    @Option(names = "--subscription", paramLabel = "ID", description = "Subscription id the deployment targets (default: 00000000-0000-0000-0000-000000000000).")
    String subscription;

    @Option(names = "--resource-group", paramLabel = "NAME", description = "Resource group the deployment targets (default: rampart-rg).")
    String resourceGroup;

    @Option(names = "--location", paramLabel = "LOC", description = "Location of the resource group / deployment (default: eastus).")
    String location;

    @Option(names = "--tenant", paramLabel = "ID", description = "Tenant id (default: 00000000-0000-0000-0000-000000000000).")
    String tenant;

    @Option(names = "--management-group", paramLabel = "NAME", description = "Management group (management-group scope; default: rampart-mg).")
    String managementGroup;

    @Option(names = "--deployment-name", paramLabel = "NAME", description = "The deployment's name (default: rampart-deployment).")
    String deploymentName;

    @Option(names = "--strict-parameters",
            description = "Use parameter values exactly as given, as ARM does: a required parameter without a value fails the template. "
                    + "By default such parameters get generated values of their declared types, and azure-quickstart-templates "
                    + "placeholders (GEN-UNIQUE, GEN-PASSWORD, ...) in parameter files are replaced, each with a warning.")
    boolean strictParameters;

    @Option(names = "--root", paramLabel = "DIR",
            description = "The repository root: SARIF paths are relative to it and linked templates must stay inside it "
                    + "(default: the working directory, or the template's folder when it lies outside).")
    Path root;

    DeploymentContext context() {
        DeploymentContext d = DeploymentContext.defaults();
        return new DeploymentContext(subscription != null ? subscription : d.subscriptionId(),
                resourceGroup != null ? resourceGroup : d.resourceGroup(), location != null ? location : d.location(),
                tenant != null ? tenant : d.tenantId(), managementGroup != null ? managementGroup : d.managementGroup(),
                deploymentName != null ? deploymentName : d.deploymentName());
    }

    DeploymentScope scope() {
        return scope == null ? null : scope.value;
    }

    /** --root, checked. */
    Path root() {
        if (root != null && !java.nio.file.Files.isDirectory(root)) {
            throw new CliException(root + ": no such directory (--root)");
        }
        return root;
    }
}
