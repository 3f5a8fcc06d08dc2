package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart remediate show}: one remediation as the server has it now. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Show a remediation: its state, what it remediates and its deployment counts (JSON: the server's answer as is).",
        sortOptions = false,
        footer = {"", "Exit codes: 0 shown (whatever its state); 2 bad usage, no server, or a refused request (404: no such remediation); "
                + "3 the server failed."})
final class RemediateShowCommand implements Callable<Integer> {

    @ParentCommand
    RemediateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The remediation's name (with a scope) or its full id.")
    String name;

    @Mixin
    ScopeOptions scope;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerOptions connection;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        RemediationRef ref = RemediationRef.resolve(name, scope.scope(), Optional.empty());
        JsonNode task = new RemediationsApi(connection.client()).get(ref).orThrow().body();
        if (task == null) {
            throw new CliException(ExitCode.INTERNAL, java.util.List.of("the control plane answered without a body to GET " + ref.id()));
        }
        output.emit(io, (i, out) -> RemediationText.task(i, out, task), task);
        return ExitCode.OK;
    }
}
