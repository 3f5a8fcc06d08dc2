package io.rampart.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateFiles;
import io.rampart.gate.TemplateInput;
import io.rampart.gate.report.JsonReport;
import io.rampart.template.ExpandedResource;
import io.rampart.template.SourceLocation;
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

/** {@code rampart template expand}: prints what a template would deploy. */
@Command(name = "expand",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Expand an ARM template and print the resources it would deploy as JSON (in deployment order, values "
                + "unknown before deployment as {\"$unknown\": reason}), with the outputs and any warnings.",
                "Exit code 0 when it expands, 2 when it can't (the errors ARM would give, with file, line, column and JSON path)."},
        sortOptions = false)
final class TemplateExpandCommand implements Callable<Integer> {

    @ParentCommand
    TemplateCommand parent;

    @Parameters(paramLabel = "TEMPLATE", description = "The template file.")
    Path template;

    @Option(names = {"-p", "--parameters"}, paramLabel = "FILE",
            description = "Parameter file (default: X.parameters.json beside X.json, when there is one).")
    Path parameters;

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
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(EvalCommand.parseInstant(now), ZoneOffset.UTC);
        TemplateInput in = TemplateFiles.read(template, parameters, deployment.root(), deployment.scope(), deployment.context()).withStrictParameters(deployment.strictParameters);
        TemplateCheck.Expanded x = TemplateCheck.expand(in, main.expander(clock));
        if (x.failed()) {
            List<String> lines = new ArrayList<>();
            boolean internal = false;
            for (TemplateProblem p : x.problems()) {
                if (p.error()) {
                    lines.add(TemplateCheck.describe(p));
                    internal |= TemplateCheck.INTERNAL_ERROR.equals(p.code());
                }
            }
            throw new CliException(internal ? ExitCode.INTERNAL : ExitCode.USAGE, lines);
        }
        ObjectNode out = JsonOutput.object();
        out.put("template", in.file());
        out.put("scope", JsonReport.scope(x.scope()));
        out.put("parameters", in.parametersFile());
        ArrayNode resources = out.putArray("resources");
        for (ExpandedResource r : x.expansion().resources()) {
            ObjectNode o = resources.addObject();
            o.put("id", r.id());
            o.put("type", r.type());
            o.put("name", r.name());
            o.put("apiVersion", r.apiVersion());
            o.put("existing", r.existing());
            ArrayNode d = o.putArray("dependsOn");
            r.dependsOn().forEach(d::add);
            ArrayNode p = o.putArray("deploymentPath");
            r.deploymentPath().forEach(p::add);
            o.set("source", location(r.source()));
            o.set("resource", r.body());
        }
        out.set("outputs", x.expansion().outputs());
        ArrayNode problems = out.putArray("problems");
        for (TemplateProblem p : x.problems()) {
            ObjectNode o = problems.addObject();
            o.put("severity", p.error() ? "error" : "warning");
            o.put("code", p.code());
            o.set("location", location(p.location()));
            o.put("message", p.message());
        }
        JsonOutput.print(io.out(), out);
        return ExitCode.OK;
    }

    private static ObjectNode location(SourceLocation l) {
        ObjectNode o = JsonOutput.object();
        o.put("file", l == null ? null : l.file());
        o.put("line", l == null ? 0 : l.line());
        o.put("column", l == null ? 0 : l.column());
        o.put("jsonPath", l == null ? null : l.jsonPath());
        return o;
    }
}
