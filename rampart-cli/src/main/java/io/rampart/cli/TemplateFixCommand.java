package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.gate.Assignment;
import io.rampart.gate.GateInputException;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateFiles;
import io.rampart.gate.TemplateInput;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.remediation.fix.FixReport;
import io.rampart.remediation.fix.TemplateFix;
import io.rampart.template.TemplateProblem;
import io.rampart.template.TemplateSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code rampart template fix}: applies Modify and Append offline and writes the fixed template. */
@Command(name = "fix",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Expand an ARM template, apply the Modify and Append effects of the selected policies to every resource it "
                + "would deploy (as Azure Policy would change the PUT), and write the changes back onto the template's resource "
                + "objects where the value is a literal. Reports each change (resource, policy, operation, field, old -> new) and the "
                + "changes that can't be written back (values computed by expressions, copy loops whose instances differ, linked "
                + "templates), with why.",
                "Without --policy, --initiative or --assignments the Microsoft cloud security benchmark applies with its defaults. "
                        + "The fixed template is written to --output (default: the report only). Formatting is normalised: two-space "
                        + "indentation, comments dropped.",
                "Exit code 0 when nothing needs fixing or the fix was written, 1 with --check when fixes are needed, 2 for bad usage "
                        + "or input, 3 internal error."},
        sortOptions = false)
final class TemplateFixCommand implements Callable<Integer> {

    private static final String SUBSCRIPTION_PREFIX = "/subscriptions/";

    @ParentCommand
    TemplateCommand parent;

    @Parameters(paramLabel = "TEMPLATE", description = "The template file.")
    Path template;

    @Option(names = {"-p", "--parameters"}, paramLabel = "FILE",
            description = "Parameter file (default: X.parameters.json beside X.json, when there is one).")
    Path parameters;

    @Option(names = "--policy", paramLabel = "FILE|ID", description = "A definition to apply (repeatable): a file, or a built-in's GUID, id or display name.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--initiative", paramLabel = "FILE|ID", description = "An initiative to apply with its defaults (repeatable).")
    List<String> initiatives = new ArrayList<>();

    @Option(names = "--assignments", paramLabel = "FILE", description = "JSON list of assignments, as for 'template check'.")
    Path assignments;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the fixed template to FILE (it may be TEMPLATE itself).")
    Path output;

    @Option(names = "--check", description = "Change nothing; exit 1 when the policies would change the template's resources.")
    boolean check;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Mixin
    DeploymentOptions deployment;

    @Option(names = "--now", paramLabel = "ISO8601", description = "The time utcNow() returns (default: now).")
    String now;

    @Override
    public Integer call() {
        Main main = parent.main;
        Io io = main.io();
        if (!Files.exists(template)) {
            throw new CliException(template + ": no such file (template)");
        }
        Inputs.requireReadableFile(template, "template");
        if (parameters != null) {
            Inputs.requireReadableFile(parameters, "parameters file");
        }
        if (assignments != null) {
            Inputs.requireReadableFile(assignments, "assignments file");
        }
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(EvalCommand.parseInstant(now), ZoneOffset.UTC);
        TemplateInput input = TemplateFiles.read(template, parameters, deployment.root(), deployment.scope(), deployment.context())
                .withStrictParameters(deployment.strictParameters);
        TemplateCheck.Expanded expanded = TemplateCheck.expand(input, main.expander(clock));
        if (expanded.failed()) {
            List<String> lines = new ArrayList<>();
            for (TemplateProblem p : expanded.problems()) {
                if (p.error()) {
                    lines.add(TemplateCheck.describe(p));
                }
            }
            throw new CliException(ExitCode.USAGE, lines);
        }
        for (TemplateProblem p : expanded.problems()) {
            io.err().println("rampart: warning: " + TemplateCheck.describe(p));
        }
        TemplateSource source;
        try {
            source = TemplateSource.parse(input.text(), input.file());
        } catch (JsonInputException e) {
            throw new CliException(template + ": " + e.getMessage());
        }
        String subscription = input.context().subscriptionId();
        Governance gov = governance(main.library(), clock, subscription);
        FixReport report = new TemplateFix(gov).fix(source, expanded.expansion());

        io.out().print(json ? Values.toJson(report.toJson()) + "\n" : report.toText());
        if (!report.fixesNeeded()) {
            io.out().println("nothing to fix");
            io.out().flush();
            return ExitCode.OK;
        }
        if (check) {
            io.out().println(report.editCount() + " change(s) needed" + (report.anyUnmapped() ? " (some can't be written back: see above)" : ""));
            io.out().flush();
            return ExitCode.FINDINGS;
        }
        if (output != null) {
            OutputFiles.write(output, report.fixedTemplate().toPrettyString() + "\n");
            io.out().println("fixed template: " + output + " (" + report.editCount() + " change(s) written"
                    + (report.anyUnmapped() ? "; some changes can't be written back: see above" : "") + ")");
        } else {
            io.out().println(report.editCount() + " change(s) to write; give --output FILE to write the fixed template");
        }
        io.out().flush();
        return ExitCode.OK;
    }

    /** A governance core with the selected policies assigned at the deployment's subscription. */
    private Governance governance(BuiltInLibrary library, Clock clock, String subscription) {
        Map<String, JsonNode> custom = new HashMap<>();
        DefinitionSource source = new DefinitionSource() {
            @Override
            public JsonNode policyDefinition(String id) {
                return custom.get(id.toLowerCase(Locale.ROOT));
            }

            @Override
            public JsonNode policySetDefinition(String id) {
                return custom.get(id.toLowerCase(Locale.ROOT));
            }
        };
        Governance gov = new Governance(library, source, Hierarchy.builder("tenant").subscription(subscription, null).build(), clock);
        List<Assignment> list = new ArrayList<>();
        policies.forEach(p -> list.add(Assignment.of(Assignment.Target.DEFINITION, p, "--policy")));
        initiatives.forEach(i -> list.add(Assignment.of(Assignment.Target.INITIATIVE, i, "--initiative")));
        try {
            if (assignments != null) {
                list.addAll(TemplateFiles.readAssignments(assignments));
            }
        } catch (GateInputException e) {
            throw new CliException(e.lines());
        }
        if (list.isEmpty()) {
            list.add(Assignment.defaultBenchmark());
        }
        int n = 0;
        for (Assignment a : list) {
            String defId = resolve(library, gov, custom, a, subscription, n);
            ObjectNode body = Values.object();
            ObjectNode props = body.putObject("properties").put("policyDefinitionId", defId);
            props.put("enforcementMode", a.enforcementMode().name().equals("DO_NOT_ENFORCE") ? "DoNotEnforce" : "Default");
            ObjectNode ps = props.putObject("parameters");
            a.parameters().forEach((k, v) -> ps.putObject(k).set("value", v));
            String name = a.name() != null ? a.name() : "fix-" + n;
            ArmResult<?> r = gov.putAssignment(ArmId.parse(SUBSCRIPTION_PREFIX + subscription + "/providers/Microsoft.Authorization/policyAssignments/"
                    + name.replaceAll("[^A-Za-z0-9_.-]", "-")), body, SystemData.Caller.SYSTEM);
            if (!r.isOk()) {
                throw new CliException(a.origin() + ": " + a.ref() + ": " + r.error().message());
            }
            n++;
        }
        return gov;
    }

    /** The definition or initiative id an assignment names: a built-in, or a file registered as a custom one. */
    private static String resolve(BuiltInLibrary library, Governance gov, Map<String, JsonNode> custom, Assignment a, String subscription, int n) {
        Path file = a.baseDir() == null ? Path.of(a.ref()) : Path.of(a.baseDir()).resolve(a.ref());
        if (Files.isRegularFile(file)) {
            JsonNode doc;
            try {
                doc = Json.read(Files.readString(file, StandardCharsets.UTF_8), file.toString());
            } catch (IOException | JsonInputException e) {
                throw new CliException(file + ": cannot be read as JSON: " + e.getMessage());
            }
            JsonNode props = Values.property(doc, "properties");
            boolean initiative = props != null && Values.property(props, "policyDefinitions") != null;
            String id = SUBSCRIPTION_PREFIX + subscription + "/providers/Microsoft.Authorization/" + (initiative ? "policySetDefinitions" : "policyDefinitions")
                    + "/file-" + n;
            ArmResult<ObjectNode> v = initiative ? gov.validateSetDefinition(ArmId.parse(id), doc, SystemData.Caller.SYSTEM, null)
                    : gov.validateDefinition(ArmId.parse(id), doc, SystemData.Caller.SYSTEM, null);
            if (!v.isOk()) {
                throw new CliException(file + ": " + v.error().message());
            }
            custom.put(id.toLowerCase(Locale.ROOT), v.value());
            return id;
        }
        Optional<BuiltInLibrary.Entry> e = a.target() == Assignment.Target.INITIATIVE ? library.findInitiative(a.ref())
                : a.target() == Assignment.Target.DEFINITION ? library.findDefinition(a.ref())
                : library.findDefinition(a.ref()).or(() -> library.findInitiative(a.ref()));
        if (e.isEmpty()) {
            throw new CliException(a.origin() + ": '" + a.ref() + "' is neither a file nor a built-in "
                    + (a.target() == Assignment.Target.INITIATIVE ? "initiative" : "definition") + " (GUID, id or display name)");
        }
        return e.get().id();
    }

}
