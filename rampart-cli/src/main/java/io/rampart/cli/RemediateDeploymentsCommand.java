package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart remediate deployments}: POST .../listDeployments, every page; one row per resource. */
@Command(name = "deployments",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List a remediation's deployments: one per resource, with its status, location, error and (from Rampart) the outcome "
                + "and the compliance state after. Every page is read (nextLink).",
        sortOptions = false,
        footer = {"", "Exit codes: 0 listed; 2 bad usage, no server, or a refused request; 3 the server failed."})
final class RemediateDeploymentsCommand implements Callable<Integer> {

    @ParentCommand
    RemediateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The remediation's name (with a scope) or its full id.")
    String name;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--status", split = ",", paramLabel = "STATUS", description = "Only deployments with this status (repeatable, or "
            + "comma-separated): Succeeded, Failed, Canceled, Queued, Evaluating, Deploying.")
    List<String> statuses;

    @Option(names = "--show", paramLabel = "N", defaultValue = "0", description = "Text: list at most N, failed ones first (default: all).")
    int show;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerOptions connection;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        RemediationRef ref = RemediationRef.resolve(name, scope.scope(), Optional.empty());
        if (show < 0) {
            throw new CliException("--show: expected 0 (all) or more, got " + show);
        }
        List<String> wanted = statuses == null ? List.of() : statuses.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
        JsonNode all = new RemediationsApi(connection.client()).deployments(ref).orThrow().body();
        List<JsonNode> rows = new ArrayList<>();
        ObjectNode json = JsonOutput.object();
        ArrayNode value = json.putArray("value");
        all.path("value").forEach(d -> {
            if (wanted.isEmpty() || wanted.contains(d.path("status").asText("").toLowerCase(Locale.ROOT))) {
                rows.add(d);
                value.add(d);
            }
        });
        output.emit(io, (i, out) -> RemediationText.deployments(i, out, rows, show), json);
        return ExitCode.OK;
    }
}
