package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.Io.Style;
import io.rampart.library.CorpusScan;
import io.rampart.library.ParameterFiller;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.RelatedResources;
import io.rampart.policy.model.ParameterDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code rampart demo}: a zero-setup showcase. Evaluates the Microsoft cloud security benchmark
 * against a few hundred realistic resources (the REST API spec examples in ../shared) and prints
 * a compliance summary with the top failing policies and one explanation.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Evaluate the Microsoft cloud security benchmark against a few hundred sample resources and summarize.",
                "The resources come from ../shared/corpora/rest-examples/resources.jsonl (Azure REST API spec examples). "
                        + "Related resources of -IfNotExists policies are not part of the sample, so those results are Unknown."},
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    static final String MCSB = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";
    static final String CORPUS = "corpora/rest-examples/resources.jsonl";

    @ParentCommand
    Main main;

    @Option(names = "--shared", paramLabel = "DIR", description = "The shared corpora folder (default: found next to the repository).")
    Path shared;

    @Option(names = "--resources", paramLabel = "N", defaultValue = "300", description = "How many resources to evaluate (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--initiative", paramLabel = "ID", defaultValue = MCSB,
            description = "Initiative (or definition) to evaluate: built-in GUID, id, display name or file (default: the Microsoft cloud security benchmark).")
    String initiative;

    @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "How many failing policies to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "text|json",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Per-policy tallies. */
    private static final class PolicyTally {
        final Policies.Bound bound;
        int applicable;
        int nonCompliant;
        int unknown;
        Outcome firstFailure;

        PolicyTally(Policies.Bound bound) {
            this.bound = bound;
        }
    }

    @Override
    public Integer call() {
        if (limit < 1) {
            throw new CliException("--resources: expected a positive number but found " + limit);
        }
        if (top < 0) {
            throw new CliException("--top: expected zero or more but found " + top);
        }
        Io io = main.io();
        long started = System.nanoTime();
        Path corpus = locateCorpus();
        Policies.Loaded loaded = Policies.load(initiative, main.engine(), main.library());
        Map<String, JsonNode> filled = new LinkedHashMap<>();
        for (ParameterDefinition p : loaded.parameters().values()) {
            if (!p.hasDefault()) {
                filled.put(p.name(), ParameterFiller.valueFor(p));
            }
        }
        List<Policies.Bound> bound = Policies.bind(loaded, new Inputs.Params(filled, Map.of(), null));
        CorpusScan.Resources all;
        try {
            all = CorpusScan.readResources(corpus);
        } catch (IOException e) {
            throw new CliException(corpus + ": cannot be read: " + e.getMessage());
        }
        List<JsonNode> sample = sample(all, bound, limit);

        EvaluationEnvironment.Builder env = EvaluationEnvironment.builder()
                .related(q -> RelatedResources.Lookup.unknown("the demo's sample resources don't include related resources"));
        List<Outcome> outcomes = new ArrayList<>();
        Map<Policies.Bound, PolicyTally> tallies = new LinkedHashMap<>();
        List<EvaluationEnvironment> envs = new ArrayList<>();
        for (Policies.Bound b : bound) {
            tallies.put(b, new PolicyTally(b));
            envs.add(env.policyInfo(b.policyInfo()).build());
        }
        for (JsonNode r : sample) {
            for (int i = 0; i < bound.size(); i++) {
                Policies.Bound b = bound.get(i);
                EvaluationResult result;
                try {
                    result = b.policy().evaluate(r, envs.get(i), false);
                } catch (RuntimeException | StackOverflowError e) {
                    result = EvalCommand.evaluate(b, r, envs.get(i));
                }
                Outcome o = new Outcome(b.ref(), b.groupNames(), r, result);
                outcomes.add(o);
                PolicyTally t = tallies.get(b);
                if (result.applicable()) {
                    t.applicable++;
                }
                if (result.complianceState() == ComplianceState.UNKNOWN) {
                    t.unknown++;
                } else if (!result.compliant()) {
                    t.nonCompliant++;
                    if (t.firstFailure == null) {
                        t.firstFailure = o;
                    }
                }
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;

        // Resources: non-compliant if any result is NonCompliant/Error; compliant if all applicable results are.
        Map<JsonNode, String> resourceState = new IdentityHashMap<>();
        for (Outcome o : outcomes) {
            String now = resourceState.getOrDefault(o.resource(), "NotApplicable");
            ComplianceState s = o.result().complianceState();
            String next = switch (s) {
                case NON_COMPLIANT, ERROR -> "NonCompliant";
                case UNKNOWN, CONFLICT -> now.equals("NonCompliant") ? now : "Unknown";
                case COMPLIANT, PROTECTED, EXEMPT -> now.equals("NotApplicable") ? "Compliant" : now;
                case NOT_APPLICABLE -> now;
            };
            resourceState.put(o.resource(), now.equals("NonCompliant") ? now : next);
        }
        Map<String, Integer> byResourceState = new LinkedHashMap<>();
        for (String s : List.of("Compliant", "NonCompliant", "Unknown", "NotApplicable")) {
            byResourceState.put(s, 0);
        }
        for (JsonNode r : sample) {
            byResourceState.merge(resourceState.getOrDefault(r, "NotApplicable"), 1, Integer::sum);
        }
        int assessed = sample.size() - byResourceState.get("NotApplicable");
        int compliantOrUnknown = byResourceState.get("Compliant") + byResourceState.get("Unknown");
        double percent = assessed == 0 ? 100.0 : Math.round(1000.0 * compliantOrUnknown / assessed) / 10.0;

        List<PolicyTally> failing = new ArrayList<>(tallies.values());
        failing.removeIf(t -> t.nonCompliant == 0);
        failing.sort(Comparator.comparingInt((PolicyTally t) -> -t.nonCompliant).thenComparing(t -> t.bound.ref().label()));
        List<PolicyTally> topFailing = failing.subList(0, Math.min(top, failing.size()));
        Outcome explained = explain(failing, envs, bound);

        Map<String, Long> states = new TreeMap<>();
        outcomes.forEach(o -> states.merge(o.result().complianceState().displayName(), 1L, Long::sum));
        long nonCompliantResults = outcomes.stream().filter(o -> !o.result().compliant()
                && o.result().complianceState() != ComplianceState.UNKNOWN).count();

        if (format == Format.json) {
            ObjectNode json = JsonOutput.object();
            ObjectNode p = JsonOutput.policy(loaded.ref());
            p.put("kind", loaded.kind());
            json.set("policy", p);
            json.put("corpus", corpus.toString());
            json.put("resources", sample.size());
            json.put("policies", bound.size());
            json.put("evaluations", outcomes.size());
            ObjectNode st = json.putObject("states");
            states.forEach(st::put);
            json.put("nonCompliantResults", nonCompliantResults);
            ObjectNode rs = json.putObject("resourceStates");
            byResourceState.forEach(rs::put);
            json.put("compliancePercent", percent);
            ArrayNode tf = json.putArray("topFailingPolicies");
            for (PolicyTally t : topFailing) {
                ObjectNode x = JsonOutput.policy(t.bound.ref());
                x.put("effect", t.bound.policy().effect());
                x.put("nonCompliantResources", t.nonCompliant);
                x.put("applicableResources", t.applicable);
                tf.add(x);
            }
            json.set("sample", explained == null ? null : JsonOutput.result(explained));
            json.put("elapsedMillis", elapsedMs);
            JsonOutput.print(io.out(), json);
            return ExitCode.OK;
        }

        PrintWriter out = io.out();
        out.println(io.paint("Rampart demo", Style.BOLD) + ": " + loaded.ref().label() + io.paint("  (" + loaded.ref().name() + ")", Style.DIM));
        out.println(io.paint("Resources from " + corpus, Style.DIM));
        out.println();
        out.printf("  Resources evaluated     %d (of %d in the corpus, %d types)%n", sample.size(), all.all().size(), typeCount(sample));
        out.printf("  Policies                %d%n", bound.size());
        out.printf("  Evaluations             %d in %.1f s%n", outcomes.size(), elapsedMs / 1000.0);
        out.printf("  Non-compliant results   %s%n", io.paint(String.valueOf(nonCompliantResults), nonCompliantResults > 0 ? Style.RED : Style.GREEN));
        out.printf("  Resources               %d compliant, %s non-compliant, %d unknown, %d not covered%n",
                byResourceState.get("Compliant"), io.paint(String.valueOf(byResourceState.get("NonCompliant")), Style.RED),
                byResourceState.get("Unknown"), byResourceState.get("NotApplicable"));
        out.printf("  Compliance              %s%n", io.paint(String.format(Locale.ROOT, "%.1f%%", percent), Style.BOLD)
                + io.paint("  (compliant + unknown resources / resources with applicable policies, as Azure counts)", Style.DIM));
        out.println("  Results by state        " + String.join(", ", states.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList()));
        if (!topFailing.isEmpty()) {
            out.println();
            out.println(io.paint("Top failing policies", Style.BOLD) + io.paint("  (non-compliant / applicable resources)", Style.DIM));
            for (PolicyTally t : topFailing) {
                out.printf("  %4d / %-4d %-17s %s%n", t.nonCompliant, t.applicable, t.bound.policy().effect(), t.bound.ref().label());
            }
        }
        if (explained != null) {
            out.println();
            out.println(io.paint("Why? One non-compliant result explained", Style.BOLD));
            out.println();
            new TextOutput(io).single(explained);
        }
        out.println();
        out.println(io.paint("Try it yourself: ./rampart policy eval --definition <guid> --resource resource.json (see docs/cli.md)", Style.DIM));
        out.flush();
        return ExitCode.OK;
    }

    /** Re-evaluates with explanations the first failure of the top failing policy that has any. */
    private static Outcome explain(List<PolicyTally> failing, List<EvaluationEnvironment> envs, List<Policies.Bound> bound) {
        for (PolicyTally t : failing) {
            Outcome f = t.firstFailure;
            if (f == null) {
                continue;
            }
            EvaluationEnvironment env = envs.get(bound.indexOf(t.bound));
            EvaluationResult r = EvalCommand.evaluate(t.bound, f.resource(), env);
            if (!r.evaluatedExpressions().isEmpty()) {
                return new Outcome(f.policy(), f.groupNames(), f.resource(), r);
            }
        }
        return null;
    }

    /**
     * A deterministic, varied sample: round-robin over the resource types the policies target (sorted),
     * one resource of each type per round, until {@code limit}; topped up from the rest of the corpus.
     */
    static List<JsonNode> sample(CorpusScan.Resources all, List<Policies.Bound> bound, int limit) {
        Set<String> targeted = new TreeSet<>();
        for (Policies.Bound b : bound) {
            for (String t : b.policy().compiled().targetTypes()) {
                targeted.add(t.toLowerCase(Locale.ROOT));
            }
        }
        List<List<JsonNode>> queues = new ArrayList<>();
        for (String t : targeted) {
            List<JsonNode> list = all.byType().get(t);
            if (list != null && !list.isEmpty()) {
                queues.add(list);
            }
        }
        List<JsonNode> out = new ArrayList<>();
        Set<JsonNode> taken = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int round = 0; out.size() < limit; round++) {
            boolean any = false;
            for (List<JsonNode> q : queues) {
                if (round < q.size() && out.size() < limit) {
                    out.add(q.get(round));
                    taken.add(q.get(round));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        for (JsonNode r : all.all()) {
            if (out.size() >= limit) {
                break;
            }
            if (!taken.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }

    private static long typeCount(List<JsonNode> resources) {
        return resources.stream().map(r -> r.path("type").asText().toLowerCase(Locale.ROOT)).distinct().count();
    }

    /** --shared, $RAMPART_SHARED, -Drampart.shared, then a "shared" folder beside the working directory or the jar, or above them. */
    private Path locateCorpus() {
        List<Path> candidates = new ArrayList<>();
        if (shared != null) {
            Path f = shared.resolve(CORPUS);
            if (!Files.isRegularFile(f)) {
                throw new CliException(shared + ": no " + CORPUS + " in this folder; --shared names the shared corpora folder");
            }
            return f;
        }
        String env = System.getenv("RAMPART_SHARED");
        if (env != null && !env.isBlank()) {
            candidates.add(Path.of(env));
        }
        String prop = System.getProperty("rampart.shared");
        if (prop != null && !prop.isBlank()) {
            candidates.add(Path.of(prop));
        }
        List<Path> starts = new ArrayList<>();
        starts.add(Path.of("").toAbsolutePath());
        try {
            var location = DemoCommand.class.getProtectionDomain().getCodeSource();
            if (location != null) {
                starts.add(Path.of(location.getLocation().toURI()).toAbsolutePath());
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no jar location: the working directory will do
        }
        for (Path start : starts) {
            for (Path d = start; d != null; d = d.getParent()) {
                candidates.add(d.resolve("shared"));
            }
        }
        for (Path c : candidates) {
            Path f = c.resolve(CORPUS);
            if (Files.isRegularFile(f)) {
                return f.normalize();
            }
        }
        throw new CliException("cannot find the sample resources (shared/" + CORPUS + ") next to the repository; "
                + "give the shared corpora folder with --shared DIR");
    }
}
