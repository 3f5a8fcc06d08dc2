package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.RelatedResources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rampart policy eval}: evaluates a definition or initiative against resources. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Evaluate a policy definition or initiative against one or more resources and explain the result.",
                "Exit code 0 when every result is compliant or not applicable, 1 when any is non-compliant, unknown or failed, "
                        + "2 for bad input."},
        sortOptions = false)
final class EvalCommand implements Callable<Integer> {

    @ParentCommand
    PolicyCommand parent;

    @Option(names = {"-d", "--definition"}, required = true, paramLabel = "FILE|ID",
            description = "Definition or initiative: a JSON file (ARM resource or bare properties), or a built-in's GUID, id or display name.")
    String definition;

    @Option(names = {"-r", "--resource"}, required = true, paramLabel = "FILE",
            description = "Resource JSON: one resource object, an array of them, or {\"value\": [...]}; '-' reads standard input.")
    Path resource;

    @Option(names = {"-p", "--params"}, paramLabel = "FILE",
            description = "Parameter values: {\"name\": value}, {\"name\": {\"value\": v}}, or an ARM deployment parameters file.")
    Path params;

    @Option(names = "--related", paramLabel = "FILE",
            description = "JSON array of related resources for AuditIfNotExists/DeployIfNotExists (without it, none exist).")
    Path related;

    @Option(names = "--resource-group", paramLabel = "FILE", description = "The resourceGroup() object (default: derived from the resource id).")
    Path resourceGroup;

    @Option(names = "--subscription", paramLabel = "FILE", description = "The subscription() object (default: derived from the resource id).")
    Path subscription;

    @Option(names = "--api-version", paramLabel = "V", description = "requestContext().apiVersion (default: the resource's apiVersion, if any).")
    String apiVersion;

    @Option(names = "--now", paramLabel = "ISO8601", description = "The time utcNow() returns, e.g. 2025-01-31T12:00:00Z (default: now).")
    String now;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--all", description = "Text output of many results: also list the policies that don't apply.")
    boolean all;

    @Option(names = "--explain", description = "Text output of many results: show the evaluated expressions of non-compliant results.")
    boolean explain;

    @Override
    public Integer call() {
        Main main = parent.main;
        Io io = main.io();
        java.time.Instant fixedNow = now == null ? null : parseInstant(now);
        Policies.Loaded loaded = Policies.load(definition, main.engine(), main.library());
        Inputs.Params values = params == null ? Inputs.Params.NONE
                : Inputs.readParams(params, name -> loaded.parameters().containsKey(name.toLowerCase(java.util.Locale.ROOT)));
        List<JsonNode> resources = Inputs.readResources(resource, "resource file");
        EvaluationEnvironment.Builder env = environment(fixedNow);
        List<Policies.Bound> bound = Policies.bind(loaded, values);

        List<Outcome> outcomes = evaluate(bound, resources, env);
        boolean single = loaded instanceof Policies.LoadedDefinition && resources.size() == 1;
        if (format == Format.json) {
            ObjectNode json;
            if (single) {
                json = JsonOutput.result(outcomes.get(0));
            } else {
                json = JsonOutput.object();
                ObjectNode p = JsonOutput.policy(loaded.ref());
                p.put("kind", loaded.kind());
                json.set("policy", p);
                var results = json.putArray("results");
                outcomes.forEach(o -> results.add(JsonOutput.result(o)));
                json.set("summary", JsonOutput.summary(outcomes, bound.size(), resources.size()));
            }
            json.set("diagnostics", JsonOutput.diagnostics(loaded.diagnostics()));
            JsonOutput.print(io.out(), json);
        } else {
            TextOutput text = new TextOutput(io);
            text.diagnostics(loaded.diagnostics(), loaded.source());
            if (single) {
                text.single(outcomes.get(0));
            } else {
                text.many(loaded, bound.size(), outcomes, resources.size(), all, explain);
            }
        }
        return outcomes.stream().allMatch(o -> o.result().compliant()) ? ExitCode.OK : ExitCode.FINDINGS;
    }

    /** Every bound policy against every resource, resource by resource. */
    static List<Outcome> evaluate(List<Policies.Bound> bound, List<JsonNode> resources, EvaluationEnvironment.Builder env) {
        List<Outcome> out = new ArrayList<>(bound.size() * resources.size());
        List<EvaluationEnvironment> envs = new ArrayList<>();
        for (Policies.Bound b : bound) {
            envs.add(env.policyInfo(b.policyInfo()).build());
        }
        for (JsonNode r : resources) {
            for (int i = 0; i < bound.size(); i++) {
                Policies.Bound b = bound.get(i);
                out.add(new Outcome(b.ref(), b.groupNames(), r, evaluate(b, r, envs.get(i))));
            }
        }
        return out;
    }

    /** Evaluates one pair; an engine failure becomes an Error result instead of ending the run. */
    static EvaluationResult evaluate(Policies.Bound b, JsonNode resource, EvaluationEnvironment env) {
        try {
            return b.policy().evaluate(resource, env, true);
        } catch (RuntimeException | StackOverflowError e) {
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + Main.oneLine(e.getMessage()));
            return new EvaluationResult(b.ref().name(), true, ComplianceState.ERROR, b.policy().effect(), b.policy().effectKind(),
                    false, List.of(), null, null, "Rampart failed to evaluate this policy (a bug; please report it): " + message,
                    new EvaluationResult.EvaluationError("InternalError", message, null));
        }
    }

    private EvaluationEnvironment.Builder environment(Instant fixedNow) {
        EvaluationEnvironment.Builder b = EvaluationEnvironment.builder();
        if (related != null) {
            JsonNode r = Inputs.readJson(related, "related resources file");
            List<JsonNode> list = new ArrayList<>();
            if (r.isArray()) {
                for (int i = 0; i < r.size(); i++) {
                    if (!r.get(i).isObject()) {
                        throw new CliException(related + ": $[" + i + "]: expected a resource object but found " + Inputs.describe(r.get(i)));
                    }
                    list.add(r.get(i));
                }
            } else if (r.isObject() && r.has("value") && r.get("value").isArray()) {
                r.get("value").forEach(list::add);
            } else if (r.isObject()) {
                list.add(r);
            } else {
                throw new CliException(related + ": $: expected a JSON array of related resources but found " + Inputs.describe(r));
            }
            b.related(new FileRelatedResources(list));
        } else {
            b.related(RelatedResources.NONE);
        }
        if (resourceGroup != null) {
            b.resourceGroup(Inputs.readObject(resourceGroup, "resource group"));
        }
        if (subscription != null) {
            b.subscription(Inputs.readObject(subscription, "subscription"));
        }
        if (apiVersion != null) {
            ObjectNode rc = Values.object();
            rc.put("apiVersion", apiVersion);
            rc.set("identity", Values.object());
            b.requestContext(rc);
        }
        if (fixedNow != null) {
            b.clock(Clock.fixed(fixedNow, ZoneOffset.UTC));
        }
        return b;
    }

    static Instant parseInstant(String s) {
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                try {
                    return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    throw new CliException("--now: expected an ISO 8601 time such as 2025-01-31T12:00:00Z but found '" + s + "'");
                }
            }
        }
    }
}
