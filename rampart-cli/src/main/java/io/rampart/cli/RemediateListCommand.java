package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.scope.ArmId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart remediate list}: GET {scope}/providers/Microsoft.PolicyInsights/remediations, every page. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "List the remediations at a scope (Azure lists those below it too), optionally of one assignment.",
        sortOptions = false,
        footer = {"", "Exit codes: 0 listed; 2 bad usage, no server, or a refused request; 3 the server failed."})
final class RemediateListCommand implements Callable<Integer> {

    @ParentCommand
    RemediateCommand parent;

    @Mixin
    ScopeOptions scope;

    @Option(names = {"-a", "--assignment"}, paramLabel = "ID", description = "Only remediations of this assignment "
            + "(its id, or its name at the scope).")
    String assignment;

    @Option(names = "--definition-reference-id", paramLabel = "REF", description = "Only remediations of this initiative member.")
    String referenceId;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerOptions connection;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        Optional<ArmId> at = scope.scope();
        ArmId where = at.orElseThrow(() -> new CliException("list needs a scope: --scope, --management-group, or --subscription [--resource-group]"));
        ArmId assignmentId = assignment == null ? null : RemediateCreateCommand.assignmentId(assignment, at);
        List<String> clauses = new ArrayList<>();
        if (assignmentId != null) {
            clauses.add("PolicyAssignmentId eq '" + assignmentId.id().replace("'", "''") + "'");
        }
        if (referenceId != null) {
            clauses.add("PolicyDefinitionReferenceId eq '" + referenceId.strip().replace("'", "''") + "'");
        }
        JsonNode all = new RemediationsApi(connection.client()).list(where, clauses.isEmpty() ? null : String.join(" and ", clauses)).orThrow().body();
        // The server filters ($filter); filtering here too keeps the answer right from a server that ignores it.
        List<JsonNode> rows = new ArrayList<>();
        ObjectNode json = JsonOutput.object();
        ArrayNode value = json.putArray("value");
        all.path("value").forEach(r -> {
            JsonNode p = r.path("properties");
            boolean ok = (assignmentId == null || assignmentId.id().equalsIgnoreCase(p.path("policyAssignmentId").asText("")))
                    && (referenceId == null || referenceId.strip().equalsIgnoreCase(p.path("policyDefinitionReferenceId").asText("")));
            if (ok) {
                rows.add(r);
                value.add(r);
            }
        });
        output.emit(io, (i, out) -> RemediationText.list(i, out, rows), json);
        return ExitCode.OK;
    }
}
