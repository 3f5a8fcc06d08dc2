package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.remediation.DiscoveryMode;
import io.rampart.remediation.RemediationSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rampart remediate create}: PUT a remediation (checked here first, with the ranges Azure
 * documents), then, with --watch, follow it to the end.
 */
@Command(name = "create",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Create (or restart) a remediation task for a Modify or DeployIfNotExists assignment; with --watch, wait for it to end "
                + "and report every resource's result.",
        sortOptions = false,
        footer = {"", "Exit codes: 0 created (with --watch: every deployment succeeded); 1 with --watch: the remediation ended Failed or Canceled, "
                + "with failed deployments, or was still running at --timeout; 2 bad usage, no server, or a refused request "
                + "(e.g. 400 InvalidCreateRemediationRequest); 3 the server failed; 130 Ctrl-C."})
final class RemediateCreateCommand implements Callable<Integer> {

    @ParentCommand
    RemediateCommand parent;

    @Parameters(index = "0", paramLabel = "NAME", description = "The remediation's name (or its full id).")
    String name;

    @Option(names = {"-a", "--assignment"}, required = true, paramLabel = "ID",
            description = "The policy assignment to remediate: its id, or its name at --scope.")
    String assignment;

    @Option(names = "--definition-reference-id", paramLabel = "REF", description = "The member of an initiative assignment to remediate "
            + "(required for initiatives).")
    String referenceId;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--discovery", paramLabel = "MODE", description = "ExistingNonCompliant (the server's default: "
            + "resources already known to be non-compliant) or ReEvaluateCompliance (evaluate first).")
    DiscoveryMode discovery;

    @Option(names = "--location", split = ",", paramLabel = "LOC", description = "Only resources in this location "
            + "(repeatable, or comma-separated).")
    List<String> locations;

    @Option(names = "--parallel", paramLabel = "N", description = "Resources remediated at once: 1 to 30 (server default 10).")
    Integer parallel;

    @Option(names = "--resource-count", paramLabel = "N", description = "At most N resources: 1 to 50000 (server default 500).")
    Integer resourceCount;

    @Option(names = "--failure-threshold", paramLabel = "P", description = "Fail the task when more than this share of deployments fail: "
            + "0.0 to 1.0, or 0%% to 100%% (server default 1.0).")
    String failureThreshold;

    @Option(names = {"-w", "--watch"}, description = "Wait for the remediation to end, showing progress; then report every resource's result.")
    boolean watch;

    @Mixin
    WatchOptions watchOptions;

    @Mixin
    OutputOptions output;

    @Mixin
    ServerOptions connection;

    @Override
    public Integer call() {
        Io io = parent.main.io();
        Optional<ArmId> given = scope.scope();
        ArmId assignmentId = assignmentId(assignment, given);
        RemediationRef ref = RemediationRef.resolve(name, given, Optional.ofNullable(assignmentId.parent()));
        ObjectNode body = body(assignmentId);
        if (!watch && watchOptions.anyGiven()) {
            throw new CliException("--interval, --timeout, --retry-for and --cancel-on-interrupt need --watch");
        }
        RemediationWatch.Settings settings = watchOptions.settings();
        RemediationsApi api = new RemediationsApi(connection.client());
        JsonNode created = api.create(ref, body).orThrow().body();
        if (watch) {
            RemediationWatch.Outcome outcome = new RemediationWatch(api, io, parent.main.interrupts(), settings).watch(ref, created);
            return RemediationReport.finish(io, api, ref, outcome, settings, watchOptions.show, output);
        }
        JsonNode task = created != null ? created : api.get(ref).orThrow().body();
        output.emit(io, (i, out) -> {
            RemediationText.task(i, out, task);
            out.println();
            out.println("watch it with: rampart remediate watch " + ref.id());
        }, task);
        return ExitCode.OK;
    }

    /** The PUT body: only what was given (the server applies Azure's defaults), each value checked against Azure's documented range. */
    ObjectNode body(ArmId assignmentId) {
        ObjectNode body = JsonOutput.object();
        ObjectNode p = body.putObject("properties");
        p.put("policyAssignmentId", assignmentId.id());
        if (referenceId != null) {
            if (referenceId.isBlank()) {
                throw new CliException("--definition-reference-id: empty; give the initiative member's policyDefinitionReferenceId");
            }
            p.put("policyDefinitionReferenceId", referenceId.strip());
        }
        if (discovery != null) {
            p.put("resourceDiscoveryMode", discovery.name());
        }
        if (locations != null) {
            if (locations.isEmpty()) {
                throw new CliException("--location: empty location; give a location name such as eastus");
            }
            List<String> l = new ArrayList<>();
            for (String loc : locations) {
                if (loc.isBlank()) {
                    throw new CliException("--location: empty location; give a location name such as eastus");
                }
                if (!l.contains(loc.strip())) {
                    l.add(loc.strip());
                }
            }
            ArrayNode a = p.putObject("filters").putArray("locations");
            l.forEach(a::add);
        }
        if (parallel != null) {
            p.put("parallelDeployments", inRange(parallel, 1, RemediationSpec.MAX_PARALLEL_DEPLOYMENTS, "--parallel", "parallelDeployments"));
        }
        if (resourceCount != null) {
            p.put("resourceCount", inRange(resourceCount, 1, RemediationSpec.MAX_RESOURCE_COUNT, "--resource-count", "resourceCount"));
        }
        if (failureThreshold != null) {
            p.putObject("failureThreshold").put("percentage", threshold(failureThreshold));
        }
        return body;
    }

    /** The assignment's id: as given, or a name at the scope given. */
    static ArmId assignmentId(String text, Optional<ArmId> scope) {
        String t = text.strip();
        String expected = "expected a policy assignment id ({scope}/providers/Microsoft.Authorization/policyAssignments/{name}) or a name at --scope";
        if (t.isEmpty()) {
            throw new CliException("--assignment: " + expected);
        }
        if (!t.contains("/")) {
            ArmId at = scope.orElseThrow(() -> new CliException("--assignment " + t + " is a name: give --scope (where the assignment is), "
                    + "or the assignment's full id"));
            return at.child("Microsoft.Authorization", "policyAssignments", t);
        }
        ArmId id;
        try {
            id = ArmId.parse(t);
        } catch (InvalidArmIdException e) {
            throw new CliException("--assignment: " + e.getMessage() + "; " + expected);
        }
        if (!t.startsWith("/") || !id.type().equalsIgnoreCase("Microsoft.Authorization/policyAssignments")) {
            throw new CliException("--assignment: " + expected + ", got " + text);
        }
        return id;
    }

    private static int inRange(int value, int min, int max, String option, String property) {
        if (value < min || value > max) {
            throw new CliException(option + ": " + property + " must be from " + min + " to " + max + ", got " + value);
        }
        return value;
    }

    /** "0.1", "1", "10%": a share from 0.0 to 1.0. */
    static double threshold(String text) {
        String t = text.strip();
        boolean percent = t.endsWith("%");
        double v;
        try {
            v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).strip() : t);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (percent) {
            v = v / 100;
        }
        if (Double.isNaN(v) || v < 0 || v > 1) {
            throw new CliException("--failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got " + text);
        }
        return percent ? new java.math.BigDecimal(t.substring(0, t.length() - 1).strip()).movePointLeft(2).doubleValue() : v;
    }
}
