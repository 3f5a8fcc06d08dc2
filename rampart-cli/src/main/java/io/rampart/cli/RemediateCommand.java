package io.rampart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code rampart remediate}: remediation tasks on a running control plane, through the
 * PolicyInsights remediations API (2021-10-01) — create, watch to the end, inspect, cancel.
 */
@Command(name = "remediate",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Start and watch remediation tasks on a Rampart control plane (Azure's Microsoft.PolicyInsights/remediations API, "
                + "2021-10-01): bring the resources a Modify or DeployIfNotExists assignment finds non-compliant into compliance.",
                "NAME is a remediation's name (with --scope, --management-group or --subscription [--resource-group]) or its full id."},
        subcommands = {RemediateCreateCommand.class, RemediateWatchCommand.class, RemediateShowCommand.class, RemediateDeploymentsCommand.class,
                RemediateListCommand.class, RemediateCancelCommand.class},
        footer = {"", "Exit codes: 0 ok (watch: the remediation succeeded); 1 watch: it ended Failed or Canceled, with failed deployments, "
                + "or was still running at --timeout; 2 bad usage, no server, or a request the server refused; 3 the server failed (5xx); "
                + "130 Ctrl-C."})
final class RemediateCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(main.io().err(), spec.commandLine().getColorScheme());
        return ExitCode.USAGE;
    }
}
