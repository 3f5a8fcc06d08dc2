package io.rampart.cli;

import io.rampart.gate.Assignment;
import io.rampart.gate.CheckReport;
import io.rampart.gate.FailOn;
import io.rampart.gate.GateInputException;
import io.rampart.gate.PolicySelector;
import io.rampart.gate.PolicySet;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateFiles;
import io.rampart.gate.TemplateInput;
import io.rampart.gate.TemplateReport;
import io.rampart.gate.report.JsonReport;
import io.rampart.gate.report.JunitReport;
import io.rampart.gate.report.SarifReport;
import io.rampart.gate.report.TextReport;
import io.rampart.template.TemplateProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rampart template check}: the shift-left gate. */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Expand ARM templates and evaluate policies against every resource they would deploy; report findings "
                + "with the resource's line and column.",
                "TEMPLATE is a file, a folder (searched for templates) or a glob ('infra/**/*.json'). Without --policy, --initiative "
                        + "or --assignments the Microsoft cloud security benchmark applies with its defaults.",
                "Exit code 0 when nothing reaches --fail-on, 1 for blocking findings (and, in folder mode, templates that fail to "
                        + "expand), 2 for bad usage or input (a single template that can't be read or expanded), 3 internal error."},
        sortOptions = false)
final class TemplateCheckCommand implements Callable<Integer> {

    /** Output formats of {@code template check}. */
    enum ReportFormat {
        text, json, sarif, junit
    }

    /** --fail-on values. */
    enum FailOnOption {
        deny, audit, none
    }

    /** Above this many templates, a progress line is shown on a terminal's stderr. */
    private static final int PROGRESS_THRESHOLD = 1;

    @ParentCommand
    TemplateCommand parent;

    @Parameters(arity = "1..*", paramLabel = "TEMPLATE", description = "Template files, folders or globs.")
    List<String> templates;

    @Option(names = {"-p", "--parameters"}, paramLabel = "FILE",
            description = "Parameter file for a single TEMPLATE (default: X.parameters.json beside X.json, when there is one).")
    Path parameters;

    @Option(names = "--policy", paramLabel = "FILE|ID",
            description = "A definition to apply (repeatable): a file, or a built-in's GUID, id or display name.")
    List<String> policies = new ArrayList<>();

    @Option(names = "--initiative", paramLabel = "FILE|ID", description = "An initiative to apply with its defaults (repeatable).")
    List<String> initiatives = new ArrayList<>();

    @Option(names = "--assignments", paramLabel = "FILE",
            description = "JSON list of assignments: [{\"definition\"|\"initiative\": ..., \"parameters\": {...}, "
                    + "\"enforcementMode\": \"Default\"|\"DoNotEnforce\", \"name\": ..., \"nonComplianceMessages\": [...]}].")
    Path assignments;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write the report to FILE; stdout then gets the findings and the summary as text.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "deny", paramLabel = "LEVEL",
            description = "Lowest finding level that fails the check: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOnOption failOn;

    @Mixin
    DeploymentOptions deployment;

    @Option(names = "--now", paramLabel = "ISO8601", description = "The time utcNow() returns (default: now).")
    String now;

    @Option(names = "--no-explain", description = "Text: one line per finding, without the resource id, policy and evaluated expressions.")
    boolean noExplain;

    @Override
    public Integer call() {
        Main main = parent.main;
        Io io = main.io();
        if (parameters != null && templates.size() > 1) {
            throw new CliException("--parameters applies to a single TEMPLATE; in folder mode each X.json uses X.parameters.json beside it");
        }
        if (parameters != null) {
            Inputs.requireReadableFile(parameters, "parameters file");
        }
        if (assignments != null) {
            Inputs.requireReadableFile(assignments, "assignments file");
        }
        Path root = deployment.root();
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(EvalCommand.parseInstant(now), ZoneOffset.UTC);
        TemplateFiles.Selection selection = TemplateFiles.collect(templates);
        if (parameters != null && !selection.single()) {
            throw new CliException("--parameters applies to a single template file, not to folders or globs");
        }
        PolicySet set = selectPolicies(main);
        for (String w : set.warnings()) {
            io.err().println("rampart: warning: " + w);
        }
        for (Path p : selection.linkedSkipped()) {
            io.err().println("rampart: note: " + TemplateFiles.display(p) + " is linked from another template and checked through it");
        }
        if (selection.templates().isEmpty()) {
            io.err().println("rampart: no templates found in " + String.join(", ", templates));
        }
        io.err().flush();

        List<TemplateInput> inputs = new ArrayList<>();
        for (Path t : selection.templates()) {
            inputs.add(TemplateFiles.read(t, parameters, root, deployment.scope(), deployment.context()).withStrictParameters(deployment.strictParameters));
        }
        FailOn threshold = FailOn.valueOf(failOn.name().toUpperCase(java.util.Locale.ROOT));
        ProgressLine progress = new ProgressLine(io, inputs.size(), PROGRESS_THRESHOLD);
        CheckReport report = new TemplateCheck(set, main.expander(clock), clock).run(inputs, threshold, (i, n, file) -> progress.step("checking", i, n, file));
        progress.done();

        if (selection.single() && report.templates().get(0).failed()) {
            TemplateReport t = report.templates().get(0);
            List<String> lines = new ArrayList<>();
            boolean internal = false;
            for (TemplateProblem p : t.problems()) {
                if (p.error()) {
                    lines.add(TemplateCheck.describe(p));
                    internal |= TemplateCheck.INTERNAL_ERROR.equals(p.code());
                }
            }
            throw new CliException(internal ? ExitCode.INTERNAL : ExitCode.USAGE, lines);
        }

        TextReport.Options textOptions = new TextReport.Options(io.color(), io.unicode(), !noExplain);
        String rendered = switch (format) {
            case text -> TextReport.write(report, output == null ? textOptions : new TextReport.Options(false, true, !noExplain));
            case json -> JsonReport.write(report);
            case sarif -> SarifReport.write(report, new SarifReport.Options(root != null ? root : Path.of(""), Main.Version.version()));
            case junit -> JunitReport.write(report);
        };
        if (output == null) {
            io.out().print(rendered);
        } else {
            OutputFiles.write(output, rendered);
            io.out().print(TextReport.write(report, new TextReport.Options(io.color(), io.unicode(), false)));
            io.out().println("report: " + output + " (" + format + ")");
        }
        io.out().flush();
        return report.passed() ? ExitCode.OK : ExitCode.FINDINGS;
    }

    private PolicySet selectPolicies(Main main) {
        List<Assignment> list = new ArrayList<>();
        for (String p : policies) {
            list.add(Assignment.of(Assignment.Target.DEFINITION, p, "--policy"));
        }
        for (String i : initiatives) {
            list.add(Assignment.of(Assignment.Target.INITIATIVE, i, "--initiative"));
        }
        try {
            if (assignments != null) {
                list.addAll(TemplateFiles.readAssignments(assignments));
            }
            return new PolicySelector(main.engine(), main.library(), TemplateFiles.policyDocuments()).select(list);
        } catch (GateInputException e) {
            throw new CliException(e.lines());
        }
    }
}
