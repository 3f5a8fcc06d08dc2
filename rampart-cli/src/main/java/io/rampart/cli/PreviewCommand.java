package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.Io.Style;
import io.rampart.library.BuiltInLibrary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rampart preview}: asks a running control plane what an assignment would do to the
 * resources in its scope before it is made (the server's impact preview), and prints it.
 */
@Command(name = "preview",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Ask a Rampart control plane what a policy assignment would do before it is made: which resources in its scope "
                + "would be non-compliant, denied, modified or protected from deletion. Nothing is assigned.",
        sortOptions = false,
        footer = {"", "Exit codes: 0 nothing would be non-compliant or denied, 1 something would, 2 bad usage or a refused request, "
                + "3 the server failed."})
final class PreviewCommand implements Callable<Integer> {

    static final String API_VERSION = "2023-04-01";

    @ParentCommand
    Main main;

    @Mixin
    ServerOptions connection;

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @Option(names = "--assignment", paramLabel = "FILE", description = "A proposed assignment: its PUT body as JSON ('-': standard input), "
                + "with an \"id\" or given --id (or --scope and --name).")
        Path file;

        @Option(names = "--existing", paramLabel = "ID", description = "An assignment already made (e.g. with enforcementMode DoNotEnforce), as if enforced.")
        String existing;

        @Option(names = "--definition", paramLabel = "DEF", description = "Assign this definition or initiative (a built-in's name or GUID, or a full id) "
                + "at --scope.")
        String definition;
    }

    @Option(names = "--id", paramLabel = "ID", description = "With --assignment: the assignment's id.")
    String id;

    @Option(names = "--scope", paramLabel = "SCOPE", description = "Where the proposed assignment would be: a management group, subscription or resource group id.")
    String scope;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "rampart-preview", description = "The proposed assignment's name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--parameters", paramLabel = "FILE", description = "With --definition: the assignment's parameters, {\"p\": {\"value\": ...}} or {\"p\": ...}.")
    Path parameters;

    @Option(names = "--not-scope", paramLabel = "SCOPE", description = "With --definition: a scope to exclude (repeatable).")
    List<String> notScopes;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20", description = "Text format: list at most N affected resources (default: ${DEFAULT-VALUE}; 0 for all).")
    int show;

    @Override
    public Integer call() {
        Io io = main.io();
        ControlPlaneClient client = connection.client();
        String assignmentId;
        JsonNode body;
        if (what.existing != null) {
            assignmentId = requireAssignmentId(what.existing, "--existing");
            body = null;
        } else if (what.file != null) {
            body = Inputs.readObject(what.file, "assignment");
            String given = id != null ? id : body.path("id").isTextual() ? body.path("id").asText() : scope != null ? idAt(scope, name) : null;
            if (given == null) {
                throw new CliException(what.file + ": the assignment has no \"id\": give --id, or --scope (and --name)");
            }
            assignmentId = requireAssignmentId(given, "the assignment id");
        } else {
            if (scope == null) {
                throw new CliException("--definition needs --scope: where the assignment would be");
            }
            assignmentId = idAt(scope, name);
            body = composed();
        }
        ControlPlaneClient.Answer answer = client.post(assignmentId + "/preview?api-version=" + API_VERSION, body);
        JsonNode report = answer.body();
        if (format == Format.json) {
            JsonOutput.print(io.out(), report);
        } else {
            printText(io, report);
        }
        boolean affected = report.path("summary").path("nonCompliantResources").asLong() > 0
                || report.path("summary").path("wouldDenyResources").asLong() > 0;
        return affected ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private ObjectNode composed() {
        ObjectNode body = JsonOutput.object();
        ObjectNode props = body.putObject("properties");
        props.put("policyDefinitionId", definitionId(what.definition));
        props.put("displayName", name);
        if (notScopes != null) {
            ArrayNode ns = props.putArray("notScopes");
            notScopes.forEach(ns::add);
        }
        if (parameters != null) {
            JsonNode p = Inputs.readObject(parameters, "parameters");
            JsonNode values = p.has("parameters") && p.get("parameters").isObject() ? p.get("parameters") : p;
            ObjectNode out = props.putObject("parameters");
            values.fields().forEachRemaining(f -> {
                JsonNode v = f.getValue();
                out.set(f.getKey(), v.isObject() && v.size() == 1 && v.has("value") ? v : JsonOutput.object().set("value", v));
            });
        }
        return body;
    }

    /** A full id as given, or a built-in found by name or GUID in the library shipped with the CLI. */
    private String definitionId(String def) {
        if (def.startsWith("/")) {
            return def;
        }
        BuiltInLibrary library = main.library();
        Optional<BuiltInLibrary.Entry> e = library.findDefinition(def).or(() -> library.findInitiative(def));
        return e.map(BuiltInLibrary.Entry::id).orElseThrow(() -> new CliException("--definition: no built-in definition or initiative '" + def
                + "' (give a name or GUID from 'rampart policy list', or a full id)"));
    }

    private static String idAt(String scope, String name) {
        String s = scope.endsWith("/") ? scope.substring(0, scope.length() - 1) : scope;
        if (!s.startsWith("/")) {
            throw new CliException("--scope: expected an id starting with '/', e.g. /subscriptions/<id>/resourceGroups/<name>, got " + scope);
        }
        return s + "/providers/Microsoft.Authorization/policyAssignments/" + name;
    }

    private static String requireAssignmentId(String id, String what) {
        if (!id.startsWith("/") || !id.toLowerCase(java.util.Locale.ROOT).contains("/providers/microsoft.authorization/policyassignments/")) {
            throw new CliException(what + ": expected a policy assignment id ({scope}/providers/Microsoft.Authorization/policyAssignments/{name}), got " + id);
        }
        return id;
    }

    private void printText(Io io, JsonNode r) {
        PrintWriter out = io.out();
        JsonNode s = r.path("summary");
        out.println(io.paint("Impact of " + r.path("policyAssignmentId").asText(), Style.BOLD));
        out.println("  scope:            " + r.path("scope").asText("") + " (enforcement mode " + r.path("enforcementMode").asText() + "; denials as if enforced)");
        out.println("  resources:        " + s.path("resourcesEvaluated").asLong() + " in scope, " + s.path("resourcesApplicable").asLong() + " the policies apply to");
        long nc = s.path("nonCompliantResources").asLong();
        long deny = s.path("wouldDenyResources").asLong();
        out.println("  non-compliant:    " + paintCount(io, nc, Style.RED));
        out.println("  would be denied:  " + paintCount(io, deny, Style.RED));
        out.println("  would be changed: " + paintCount(io, s.path("wouldModifyResources").asLong(), Style.YELLOW));
        out.println("  delete protected: " + s.path("wouldProtectResources").asLong());
        List<JsonNode> affected = new java.util.ArrayList<>();
        r.path("resources").forEach(x -> {
            if (!"Compliant".equals(x.path("complianceState").asText()) || x.path("wouldDeny").asBoolean() || x.path("wouldModify").asBoolean()
                    || x.path("wouldProtect").asBoolean()) {
                affected.add(x);
            }
        });
        if (!affected.isEmpty()) {
            out.println();
            int limit = show <= 0 ? affected.size() : Math.min(show, affected.size());
            for (JsonNode x : affected.subList(0, limit)) {
                StringBuilder flags = new StringBuilder();
                if (x.path("wouldDeny").asBoolean()) {
                    flags.append(" deny");
                }
                if (x.path("wouldModify").asBoolean()) {
                    flags.append(" modify");
                }
                if (x.path("wouldProtect").asBoolean()) {
                    flags.append(" protect");
                }
                String state = x.path("complianceState").asText();
                out.println("  " + io.paint(String.format("%-13s", state), "NonCompliant".equals(state) ? Style.RED : Style.DIM) + " "
                        + x.path("resourceId").asText() + (flags.isEmpty() ? "" : io.paint(" [" + flags.toString().strip() + "]", Style.YELLOW)));
            }
            if (limit < affected.size()) {
                out.println("  ... and " + (affected.size() - limit) + " more (--show 0 lists all, --format json gives everything)");
            }
        }
        out.flush();
    }

    private static String paintCount(Io io, long n, Style style) {
        return n == 0 ? "0" : io.paint(Long.toString(n), style);
    }
}
