package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart remediate cancel}: POST .../cancel; resources not yet remediated are left as they are. */
@Command(name = "cancel",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Cancel a running remediation: it goes Cancelling, then Canceled; resources not yet remediated are left alone. "
                + "'rampart remediate watch' waits for the end.",
        sortOptions = false,
        footer = {"", "Exit codes: 0 the server accepted the cancel; 2 bad usage, no server, or a refused request (e.g. the remediation "
                + "already ended, or doesn't exist); 3 the server failed."})
final class RemediateCancelCommand implements Callable<Integer> {

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
        RemediationsApi api = new RemediationsApi(connection.client());
        JsonNode answered = api.cancel(ref).orThrow().body();
        JsonNode task = answered != null ? answered : api.get(ref).orThrow().body();
        output.emit(io, (i, out) -> {
            RemediationText.task(i, out, task);
            out.println();
            out.println("cancel requested; wait for the end with: rampart remediate watch " + ref.id());
        }, task);
        return ExitCode.OK;
    }
}
