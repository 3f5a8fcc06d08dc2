package io.rampart.bench;

import io.rampart.bench.Passes.GcSnapshot;
import io.rampart.bench.Passes.Timing;
import io.rampart.library.JsonFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.library.BuiltInLibrary;
import io.rampart.library.CorpusScan;
import io.rampart.library.ParameterFiller;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.CompiledPolicy;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.Parsed;
import io.rampart.policy.PolicyEngine;
import io.rampart.policy.alias.AliasTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import static io.rampart.bench.Passes.ratio;
import static io.rampart.bench.Passes.seconds;

/**
 * The whole-scan harness: every built-in definition shipped in the library (or, with
 * {@code --corpus}, every definition file in the shared corpus) compiled, bound (defaults, and
 * generated values where there are none) and evaluated against every rest-example resource of its
 * target types — the (policy, resource) pairs {@link CorpusScan} evaluates: a policy whose rule
 * names no type is paired with every resource.
 *
 * <p>Phases, each with one cold pass, warmup passes and measured passes (the median is the figure):
 * <ul>
 *   <li>compile all definitions (definitions/s), then bind them;</li>
 *   <li>then, round-robin within each round so drift between rounds hits them alike (each ratio
 *       is the median of the per-round ratios): two baselines over the same pairs — a lookup of
 *       the resource's {@code type}, and a walk of the whole resource tree — evaluation on one
 *       thread (explain=false), with explain=true, in resource-major order (all policies of a
 *       resource back to back), and on N threads (speedup over one thread).</li>
 * </ul>
 * Prints a table and writes {@code target/bench/scan.json}.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp rampart-bench/target/benchmarks.jar io.rampart.bench.ScanHarness \
 *     [--warmup 2] [--passes 7] [--threads N] [--corpus] [--out target/bench/scan.json]
 * </pre>
 */
public final class ScanHarness {

    private static final int CHUNK = 256;
    static final int DEFAULT_PASSES = 7;

    private ScanHarness() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 2;
        int passes = DEFAULT_PASSES;
        int threads = Runtime.getRuntime().availableProcessors();
        boolean corpus = false;
        Path out = Path.of("target", "bench", "scan.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--corpus" -> corpus = true;
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: ScanHarness [--warmup N] [--passes N] [--threads N] [--corpus] [--out FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        if (passes < 1 || warmup < 0 || threads < 1) {
            throw new IllegalArgumentException("need --passes >= 1, --warmup >= 0, --threads >= 1");
        }
        new Run(warmup, passes, threads, corpus, out).run();
    }

    private static final class Run {
        final int warmup;
        final int passes;
        final int threads;
        final boolean corpus;
        final Path out;
        final Passes timer;
        final EvaluationEnvironment env = Fixtures.environment();
        final ObjectNode result = Values.object();
        final List<String[]> table = new ArrayList<>();

        Run(int warmup, int passes, int threads, boolean corpus, Path out) {
            this.warmup = warmup;
            this.passes = passes;
            this.threads = threads;
            this.corpus = corpus;
            this.out = out;
            this.timer = new Passes(warmup, passes);
        }

        void run() throws Exception {
            System.out.println("Rampart whole-scan harness — " + Machine.oneLine());
            Machine.warnIfBusy();
            result.set("machine", Machine.describe());
            ObjectNode settings = result.putObject("settings");
            settings.put("source", corpus ? "corpus: every file under corpora/azure-policy/built-in-policies/policyDefinitions"
                    : "built-in library (public cloud)");
            settings.put("warmupPasses", warmup);
            settings.put("measuredPasses", passes);
            settings.put("threads", threads);
            settings.put("figure", "median of the measured passes");

            long t = System.nanoTime();
            BuiltInLibrary lib = BuiltInLibrary.load();
            AliasTable aliases = lib.aliases();
            double loadLibrary = seconds(t);
            t = System.nanoTime();
            CorpusScan.Resources resources = CorpusScan.readResources(Shared.restExamples());
            double loadResources = seconds(t);
            t = System.nanoTime();
            List<String> names = new ArrayList<>();
            List<JsonNode> definitions = corpus ? corpusDefinitions(names) : libraryDefinitions(lib, names);
            double parseDefinitions = seconds(t);
            System.out.printf(Locale.ROOT, "loaded: library + aliases %.2f s; %,d resources %.2f s; %,d definitions parsed %.2f s%n",
                    loadLibrary, resources.all().size(), loadResources, definitions.size(), parseDefinitions);
            ObjectNode load = result.putObject("loadSeconds");
            load.put("libraryAndAliases", loadLibrary);
            load.put("resources", loadResources);
            load.put("parseDefinitions", parseDefinitions);

            // ---- compile and bind --------------------------------------------------------------
            List<CompiledPolicy> compiled = new ArrayList<>();
            List<String> compiledNames = new ArrayList<>();
            List<String> compileProblems = new ArrayList<>();
            Timing compile = timer.measure("compile all definitions", () -> {
                PolicyEngine engine = new PolicyEngine(aliases);
                compiled.clear();
                compiledNames.clear();
                compileProblems.clear();
                for (int i = 0; i < definitions.size(); i++) {
                    Parsed<CompiledPolicy> c = engine.compile(definitions.get(i), names.get(i));
                    if (c.ok()) {
                        compiled.add(c.value());
                        compiledNames.add(names.get(i));
                    } else {
                        compileProblems.add(names.get(i) + ": does not compile: " + c.errors());
                    }
                }
                return compiled.size();
            });
            List<BoundPolicy> bound = new ArrayList<>();
            List<String> bindProblems = new ArrayList<>();
            Timing bind = timer.measure("bind (defaults + generated)", () -> {
                bound.clear();
                bindProblems.clear();
                for (int i = 0; i < compiled.size(); i++) {
                    CompiledPolicy c = compiled.get(i);
                    Parsed<BoundPolicy> b = c.bind(ParameterFiller.requiredValues(c.definition().parameters()));
                    if (b.ok()) {
                        bound.add(b.value());
                    } else {
                        bindProblems.add(compiledNames.get(i) + ": does not bind: " + b.errors());
                    }
                }
                return bound.size();
            });

            // ---- the (policy, resource) pairs --------------------------------------------------
            List<BoundPolicy> pairPolicy = new ArrayList<>();
            List<JsonNode> pairResource = new ArrayList<>();
            int withTargets = 0;
            int typeless = 0;
            long typelessPairs = 0;
            for (BoundPolicy b : bound) {
                Set<String> types = b.compiled().targetTypes();
                List<JsonNode> rs = resources.forTypes(types);
                if (!rs.isEmpty()) {
                    withTargets++;
                }
                if (types.isEmpty()) {
                    typeless++;
                    typelessPairs += rs.size();
                }
                for (JsonNode r : rs) {
                    pairPolicy.add(b);
                    pairResource.add(r);
                }
            }
            BoundPolicy[] policies = pairPolicy.toArray(BoundPolicy[]::new);
            JsonNode[] targets = pairResource.toArray(JsonNode[]::new);
            int n = policies.length;
            // The same pairs, grouped by resource: every policy of a resource back to back.
            Map<JsonNode, Integer> position = new IdentityHashMap<>();
            for (int i = 0; i < resources.all().size(); i++) {
                position.put(resources.all().get(i), i);
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Integer.compare(position.get(targets[a]), position.get(targets[b])));
            BoundPolicy[] policiesByResource = new BoundPolicy[n];
            JsonNode[] targetsByResource = new JsonNode[n];
            for (int i = 0; i < n; i++) {
                policiesByResource[i] = policies[order[i]];
                targetsByResource[i] = targets[order[i]];
            }
            System.out.printf(Locale.ROOT, "definitions: %,d (%,d compile, %,d bind, %,d with target resources); evaluations per pass: %,d"
                            + " (%,d from %d definitions that name no type and so meet every resource)%n",
                    definitions.size(), compiled.size(), bound.size(), withTargets, n, typelessPairs, typeless);
            result.put("definitions", definitions.size());
            result.put("compiled", compiled.size());
            result.put("bound", bound.size());
            result.put("withTargetResources", withTargets);
            result.put("definitionsNamingNoType", typeless);
            result.put("evaluationsFromDefinitionsNamingNoType", typelessPairs);
            result.put("resources", resources.all().size());
            result.put("evaluations", n);

            // ---- evaluation phases, measured round-robin -------------------------------------
            long[] exceptions = new long[1];
            List<String> exceptionSamples = new ArrayList<>();
            GcSnapshot gcBefore = GcSnapshot.now();
            Timing[] timings;
            try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "scan-worker");
                th.setDaemon(true);
                return th;
            })) {
                timings = timer.measureTogether(
                        new String[]{"baseline: type lookup", "baseline: walk resource tree", "evaluate, 1 thread",
                                "evaluate, explain=true, 1 thread", "evaluate, resource-major, 1 thread", "evaluate, " + threads + " threads"},
                        new LongSupplier[]{
                                () -> {
                                    long h = 0;
                                    for (int i = 0; i < n; i++) {
                                        JsonNode type = targets[i].get("type");
                                        h += (type == null ? 0 : type.textValue().length()) + (policies[i] == null ? 1 : 0);
                                    }
                                    return h;
                                },
                                () -> {
                                    long h = 0;
                                    for (int i = 0; i < n; i++) {
                                        h += Fixtures.walk(targets[i]) + (policies[i] == null ? 1 : 0);
                                    }
                                    return h;
                                },
                                () -> evaluateRange(policies, targets, 0, n, false, exceptions, exceptionSamples),
                                () -> evaluateRange(policies, targets, 0, n, true, exceptions, exceptionSamples),
                                () -> evaluateRange(policiesByResource, targetsByResource, 0, n, false, exceptions, exceptionSamples),
                                () -> evaluateParallel(pool, policies, targets)});
            }
            GcSnapshot gc = GcSnapshot.now().minus(gcBefore);
            Timing lookup = timings[0];
            Timing walk = timings[1];
            Timing evaluate = timings[2];
            Timing explain = timings[3];
            Timing resourceMajor = timings[4];
            Timing parallel = timings[5];

            // ---- outcomes (one untimed pass) --------------------------------------------------
            Map<String, Long> outcomes = new TreeMap<>();
            Map<String, Long> errors = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                try {
                    EvaluationResult r = policies[i].evaluate(targets[i], env, false);
                    outcomes.merge(r.complianceState().displayName(), 1L, Long::sum);
                    if (r.error() != null) {
                        String m = r.error().message();
                        errors.merge(m.length() > 120 ? m.substring(0, 120) : m, 1L, Long::sum);
                    }
                } catch (RuntimeException e) {
                    outcomes.merge("exception", 1L, Long::sum);
                }
            }

            // ---- report ----------------------------------------------------------------------
            double speedup = ratio(evaluate, parallel);
            row("compile all definitions", compile, definitions.size(), "defs/s",
                    String.format(Locale.ROOT, "cold pass %.2f s = %,.0f defs/s", compile.cold(), definitions.size() / compile.cold()));
            row("bind (defaults + generated)", bind, compiled.size(), "binds/s", "");
            row("baseline: type lookup", lookup, n, "pairs/s", "1× (baseline)");
            row("baseline: walk resource tree", walk, n, "pairs/s", String.format(Locale.ROOT, "%.0f× lookup", ratio(walk, lookup)));
            row("evaluate, 1 thread", evaluate, n, "evals/s", String.format(Locale.ROOT, "%.0f× lookup, %.2f× walk",
                    ratio(evaluate, lookup), ratio(evaluate, walk)));
            row("evaluate, explain=true, 1 thread", explain, n, "evals/s",
                    String.format(Locale.ROOT, "%.2f× explain=false", ratio(explain, evaluate)));
            row("evaluate, resource-major, 1 thread", resourceMajor, n, "evals/s",
                    String.format(Locale.ROOT, "%.2f× policy-major", ratio(resourceMajor, evaluate)));
            row("evaluate, " + threads + " threads", parallel, n, "evals/s", String.format(Locale.ROOT, "speedup %.2f× over 1 thread", speedup));

            System.out.println();
            System.out.printf(Locale.ROOT, "%s: %,d definitions (%,d compile, %,d bind, %,d with target resources) × %,d resources → %,d evaluations per pass%n",
                    corpus ? "corpus" : "built-in library", definitions.size(), compiled.size(), bound.size(), withTargets,
                    resources.all().size(), n);
            System.out.printf(Locale.ROOT, "median of %d measured passes after 1 cold + %d warmup; the evaluation phases run round-robin and"
                    + " each ratio is the median of the per-round ratios%n%n", passes, warmup);
            System.out.printf(Locale.ROOT, "%-36s %9s %15s %-8s %s%n", "phase", "seconds", "rate", "", "ratio");
            for (String[] r : table) {
                System.out.printf(Locale.ROOT, "%-36s %9s %15s %-8s %s%n", (Object[]) r);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "1 thread: %.0f ns and %,.0f bytes allocated per evaluation (explain=false; %,.0f with explain);"
                            + " GC: %d collections, %.2f s during the evaluation phases%n",
                    evaluate.median() * 1e9 / n, evaluate.bytesPerPass() / n, explain.bytesPerPass() / n, gc.count(), gc.seconds());
            System.out.println("outcomes: " + outcomes + (exceptions[0] > 0 ? "; exceptions: " + exceptions[0] : ""));
            List<String> problems = new ArrayList<>(compileProblems);
            problems.addAll(bindProblems);
            if (!problems.isEmpty()) {
                System.out.println("definitions that don't compile or bind: " + problems.size() + " (listed in " + out + ")");
            }

            phase("compile", compile, definitions.size(), "definitionsPerSecond");
            phase("bind", bind, compiled.size(), "bindsPerSecond");
            phase("baselineTypeLookup", lookup, n, "pairsPerSecond");
            phase("baselineWalk", walk, n, "pairsPerSecond");
            ObjectNode s = phase("singleThread", evaluate, n, "evaluationsPerSecond");
            s.put("nsPerEvaluation", evaluate.median() * 1e9 / n);
            s.put("gcCollectionsDuringEvaluationPhases", gc.count());
            s.put("gcSecondsDuringEvaluationPhases", gc.seconds());
            phase("explainSingleThread", explain, n, "evaluationsPerSecond");
            phase("resourceMajorSingleThread", resourceMajor, n, "evaluationsPerSecond");
            phase("parallel", parallel, n, "evaluationsPerSecond").put("threads", threads);
            ObjectNode ratios = result.putObject("ratios");
            ratios.put("evaluationVsTypeLookup", ratio(evaluate, lookup));
            ratios.put("evaluationVsWalk", ratio(evaluate, walk));
            ratios.put("explainOverhead", ratio(explain, evaluate));
            ratios.put("resourceMajorVsPolicyMajor", ratio(resourceMajor, evaluate));
            ratios.put("parallelSpeedup", speedup);
            ratios.put("parallelThreads", threads);
            ObjectNode o = result.putObject("outcomes");
            outcomes.forEach(o::put);
            ObjectNode er = result.putObject("evaluationErrors");
            errors.forEach(er::put);
            result.put("exceptions", exceptions[0]);
            ArrayNode ex = result.putArray("exceptionSamples");
            exceptionSamples.forEach(ex::add);
            ArrayNode pr = result.putArray("problems");
            problems.forEach(pr::add);
            ((ObjectNode) result.get("machine")).put("loadAverage1mAtEnd", Machine.loadAverage());
            ResultFile.write(out, result);
            System.out.println("wrote " + out.toAbsolutePath());
        }

        /** Evaluates pairs [from, to); returns a checksum. Exceptions are counted, never thrown. */
        long evaluateRange(BoundPolicy[] policies, JsonNode[] targets, int from, int to, boolean explain, long[] exceptions,
                           List<String> samples) {
            long h = 0;
            for (int i = from; i < to; i++) {
                try {
                    EvaluationResult r = policies[i].evaluate(targets[i], env, explain);
                    h += r.complianceState().ordinal() + (r.matched() ? 7 : 0) + r.evaluatedExpressions().size();
                } catch (RuntimeException e) {
                    if (exceptions != null) {
                        synchronized (samples) {
                            exceptions[0]++;
                            if (samples.size() < 20) {
                                samples.add(policies[i].compiled().definition().name() + " on " + targets[i].path("id").asText() + ": " + e);
                            }
                        }
                    }
                }
            }
            return h;
        }

        /** The pairs split into chunks that {@code threads} workers take in turn. */
        long evaluateParallel(ExecutorService pool, BoundPolicy[] policies, JsonNode[] targets) {
            AtomicInteger next = new AtomicInteger();
            int n = policies.length;
            List<Future<Long>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long h = 0;
                    int from;
                    while ((from = next.getAndAdd(CHUNK)) < n) {
                        h += evaluateRange(policies, targets, from, Math.min(n, from + CHUNK), false, null, null);
                    }
                    return h;
                }));
            }
            return Passes.sum(futures);
        }

        private void row(String phase, Timing t, long items, String unit, String ratio) {
            table.add(new String[]{phase, String.format(Locale.ROOT, "%.3f", t.median()),
                    String.format(Locale.ROOT, "%,.0f", items / t.median()), unit, ratio});
        }

        private ObjectNode phase(String name, Timing t, long items, String rateName) {
            ObjectNode o = result.putObject(name);
            o.put("seconds", t.median());
            o.put("bestSeconds", t.min());
            o.put("coldSeconds", t.cold());
            o.put(rateName, items / t.median());
            if (t.bytesPerPass() > 0) {
                o.put("bytesAllocatedPerItem", t.bytesPerPass() / items);
            }
            ArrayNode all = o.putArray("passSeconds");
            for (double d : t.passes()) {
                all.add(d);
            }
            return o;
        }
    }

    private static List<JsonNode> libraryDefinitions(BuiltInLibrary lib, List<String> names) {
        List<JsonNode> out = new ArrayList<>();
        for (BuiltInLibrary.Entry e : lib.definitions()) {
            out.add(lib.json(e));
            names.add(e.name());
        }
        return out;
    }

    private static List<JsonNode> corpusDefinitions(List<String> names) throws IOException {
        Path dir = Shared.corpus("azure-policy").resolve("built-in-policies/policyDefinitions");
        List<JsonNode> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode json = JsonFiles.read(f);
                out.add(json);
                String name = Json.text(json, "name");
                names.add(name != null ? name : dir.relativize(f).toString());
            }
        }
        return out;
    }

}
