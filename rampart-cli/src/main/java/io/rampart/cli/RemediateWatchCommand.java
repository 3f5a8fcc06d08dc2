package io.rampart.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart remediate watch}: follow a remediation to its end and report every resource's result. */
@Command(name = "watch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Wait for a remediation to end (Succeeded, Complete, Failed or Canceled), showing progress on stderr; then print it "
                + "and every resource's result. Ctrl-C stops watching and leaves it running, unless --cancel-on-interrupt.",
        sortOptions = false,
        footer = {"", "Exit codes: 0 it succeeded (no failed deployment); 1 it ended Failed or Canceled, with failed deployments, or was "
                + "still running at --timeout; 2 bad usage, no server, or a refused request (404: no such remediation); 3 the server failed; "
                + "130 Ctrl-C."})
final class RemediateWatchCommand implements Callable<Integer> {

    @ParentCommand
    RemediateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The remediation's name (with a scope) or its full id.")
    String name;

    @Mixin
    ScopeOptions scope;

    @Mixin
    WatchOptions watchOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerOptions connection;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        RemediationRef ref = RemediationRef.resolve(name, scope.scope(), Optional.empty());
        RemediationWatch.Settings settings = watchOptions.settings();
        RemediationsApi api = new RemediationsApi(connection.client());
        RemediationWatch.Outcome outcome = new RemediationWatch(api, io, parent.main.interrupts(), settings).watch(ref, null);
        return RemediationReport.finish(io, api, ref, outcome, settings, watchOptions.show, output);
    }
}
