package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.bench.Passes.GcSnapshot;
import io.rampart.bench.Passes.Timing;
import io.rampart.expression.Values;
import io.rampart.gate.Expander;
import io.rampart.gate.PolicySet;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateInput;
import io.rampart.gate.TemplateReport;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Effect;
import io.rampart.policy.Json;
import io.rampart.policy.JsonInputException;
import io.rampart.template.TemplateSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import static io.rampart.bench.Passes.ratio;
import static io.rampart.bench.Passes.seconds;

/**
 * The whole-corpus harness of the template engine and the shift-left gate: every
 * {@code azuredeploy.json} of the ARM quickstart corpus (1,180), with its parameter file and the
 * linked templates it reads, held in memory (reading is not measured), then per pass:
 * <ul>
 *   <li><b>parse</b> — the baseline: {@code TemplateSource.parse} of every text once (template,
 *       parameter file, linked templates), the floor of touching the input; with, for scale, the
 *       same texts through a plain Jackson {@code readTree};</li>
 *   <li><b>expand</b> — {@code TemplateCheck.expand}: parse, parameters, compile and expand, as
 *       {@code rampart template expand} does per template;</li>
 *   <li><b>check</b> — {@code TemplateCheck.check}: the same expansion, then every deployed
 *       resource evaluated (with explanations) against the Microsoft cloud security benchmark,
 *       as {@code rampart template check} does when given no policies (reports not rendered);</li>
 *   <li><b>check, N threads</b> — the same, templates handed one at a time to a fixed pool.</li>
 * </ul>
 * The phases run round-robin ({@link Passes}); the figure is the median pass, each ratio the
 * median of per-round ratios. Expansion includes its own parse, and check its own expansion, so
 * the differences are the engine's and the policies' shares. Prints a table and writes
 * {@code target/bench/templates.json}.
 *
 * <pre>
 * java -Xms2g -Xmx2g -cp rampart-bench/target/benchmarks.jar io.rampart.bench.TemplateHarness \
 *     [--warmup 2] [--passes 7] [--threads N] [--match REGEX] [--limit N] [--out target/bench/templates.json]
 * </pre>
 */
public final class TemplateHarness {

    /** Effects the gate does not evaluate (see TemplateCheck). */
    private static final Set<Effect> SKIPPED = Set.of(Effect.MANUAL, Effect.DENY_ACTION, Effect.AUDIT_ACTION, Effect.DISABLED);

    private TemplateHarness() {
    }

    public static void main(String[] args) throws Exception {
        int warmup = 2;
        int passes = 7;
        int threads = Runtime.getRuntime().availableProcessors();
        Pattern match = null;
        int limit = Integer.MAX_VALUE;
        Path out = Path.of("target", "bench", "templates.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--match" -> match = Pattern.compile(args[++i]);
                case "--limit" -> limit = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: TemplateHarness [--warmup N] [--passes N] [--threads N] [--match REGEX] [--limit N] [--out FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        if (threads < 1 || limit < 1) {
            throw new IllegalArgumentException("need --threads >= 1, --limit >= 1");
        }
        new TemplateHarness.Run(new Passes(warmup, passes), warmup, passes, threads, match, limit, out).run();
    }

    private static final class Run {
        final Passes timer;
        final int warmup;
        final int passes;
        final int threads;
        final Pattern match;
        final int limit;
        final Path out;
        final ObjectNode result = Values.object();
        final List<String[]> table = new ArrayList<>();
        /** Exceptions out of the gate during measured passes (it promises none). */
        final AtomicLong exceptions = new AtomicLong();

        Run(Passes timer, int warmup, int passes, int threads, Pattern match, int limit, Path out) {
            this.timer = timer;
            this.warmup = warmup;
            this.passes = passes;
            this.threads = threads;
            this.match = match;
            this.limit = limit;
            this.out = out;
        }

        void run() throws Exception {
            System.out.println("Rampart template harness — " + Machine.oneLine());
            Machine.warnIfBusy();
            result.set("machine", Machine.describe());
            ObjectNode settings = result.putObject("settings");
            settings.put("source", "corpora/arm-quickstarts: azuredeploy.json with azuredeploy.parameters.json beside it"
                    + (match == null ? "" : ", paths matching " + match) + (limit == Integer.MAX_VALUE ? "" : ", first " + limit));
            settings.put("policies", "Microsoft cloud security benchmark (the gate's default), explain=true as the gate evaluates");
            settings.put("warmupPasses", warmup);
            settings.put("measuredPasses", passes);
            settings.put("threads", threads);
            settings.put("figure", "median of the measured passes");

            long t = System.nanoTime();
            BuiltInLibrary lib = BuiltInLibrary.load();
            lib.aliases(); // loaded lazily: counted here rather than in the policy selection
            double loadLibrary = seconds(t);
            t = System.nanoTime();
            PolicySet policies = Fixtures.gatePolicies(lib);
            double selectPolicies = seconds(t);
            policies.warnings().forEach(w -> System.out.println("policy warning: " + w));
            long active = policies.entries().stream()
                    .filter(e -> e.policy().effectKind() == null || !SKIPPED.contains(e.policy().effectKind())).count();
            // utcNow() in parameter defaults and in policies: fixed, so every pass does the same work.
            Expander expander = Expander.engine(Fixtures.CLOCK);
            TemplateCheck check = new TemplateCheck(policies, expander, Fixtures.CLOCK);

            t = System.nanoTime();
            Path root = Shared.corpus("arm-quickstarts");
            TemplateCorpus corpus = TemplateCorpus.load(root, TemplateCorpus.find(root, match, limit), expander);
            double loadCorpus = seconds(t);
            List<TemplateCorpus.Template> templates = corpus.templates();
            int n = templates.size();
            if (n == 0) {
                throw new IllegalStateException("no azuredeploy.json under " + root + (match == null ? "" : " matching " + match));
            }
            TemplateInput[] inputs = templates.stream().map(TemplateCorpus.Template::input).toArray(TemplateInput[]::new);
            long parameterFiles = templates.stream().filter(x -> x.input().parametersText() != null).count();
            long linkedFiles = templates.stream().mapToLong(x -> x.linked().size()).sum();
            long chars = templates.stream().mapToLong(TemplateHarness::chars).sum();
            System.out.printf(Locale.ROOT, "loaded: library %.2f s; MCSB selected (%d policies, %d evaluated by the gate) %.2f s;"
                            + " %,d templates, %,d parameter files, %,d linked templates (%.1f MB of text) read and pre-expanded %.2f s%n",
                    loadLibrary, policies.entries().size(), active, selectPolicies, n, parameterFiles, linkedFiles, chars / 1e6, loadCorpus);
            corpus.linkProblems().forEach(p -> System.out.println("linked template problem (not repeated in the passes): " + p));
            ObjectNode load = result.putObject("loadSeconds");
            load.put("libraryAndAliases", loadLibrary);
            load.put("selectPolicies", selectPolicies);
            load.put("readCorpusAndFindLinkedTemplates", loadCorpus);

            GcSnapshot gcBefore = GcSnapshot.now();
            Timing[] timings;
            try (ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "template-worker");
                th.setDaemon(true);
                return th;
            })) {
                List<String> names = new ArrayList<>(List.of("Jackson readTree (floor)", "parse (baseline)", "expand", "check (MCSB)"));
                List<LongSupplier> runs = new ArrayList<>(List.of(
                        () -> readTreeAll(templates),
                        () -> parseAll(templates),
                        () -> expandRange(inputs, 0, n, expander),
                        () -> checkRange(inputs, 0, n, check)));
                if (threads > 1) {
                    names.add("check, " + threads + " threads");
                    runs.add(() -> checkParallel(pool, inputs, check));
                }
                timings = timer.measureTogether(names.toArray(String[]::new), runs.toArray(LongSupplier[]::new));
            }
            GcSnapshot gc = GcSnapshot.now().minus(gcBefore);
            Timing readTree = timings[0];
            Timing parse = timings[1];
            Timing expand = timings[2];
            Timing checked = timings[3];
            Timing parallel = threads > 1 ? timings[4] : null;

            TemplateOutcomes outcomes = TemplateOutcomes.of(templates, expander, check);
            long resources = outcomes.resources;
            long evaluations = resources * active;

            // ---- report ----------------------------------------------------------------------
            row("Jackson readTree (floor)", readTree, n, resources, String.format(Locale.ROOT, "%.2f× parse", ratio(readTree, parse)));
            row("parse (baseline)", parse, n, resources, "1× (baseline)");
            row("expand", expand, n, resources, String.format(Locale.ROOT, "%.2f× parse", ratio(expand, parse)));
            row("check (MCSB)", checked, n, resources, String.format(Locale.ROOT, "%.2f× expand, %.1f× parse",
                    ratio(checked, expand), ratio(checked, parse)));
            if (parallel != null) {
                row("check, " + threads + " threads", parallel, n, resources,
                        String.format(Locale.ROOT, "speedup %.2f× over 1 thread", ratio(checked, parallel)));
            }
            double engineShare = expand.median() - parse.median();
            double policyShare = checked.median() - expand.median();
            System.out.println();
            System.out.printf(Locale.ROOT, "%,d templates (%,d expand, %,d fail) → %,d resources checked × %d policies = %,d policy evaluations"
                    + " per check pass%n", n, outcomes.expanded, outcomes.failed, resources, active, evaluations);
            System.out.printf(Locale.ROOT, "median of %d measured passes after 1 cold + %d warmup; the phases run round-robin and each ratio"
                    + " is the median of the per-round ratios%n%n", passes, warmup);
            System.out.printf(Locale.ROOT, "%-24s %9s %9s %13s %13s   %s%n", "phase", "seconds", "cpu s", "templates/s", "resources/s",
                    "ratio");
            for (String[] r : table) {
                System.out.printf(Locale.ROOT, "%-24s %9s %9s %13s %13s   %s%n", (Object[]) r);
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "seconds: wall time of a pass (rates are per wall second); cpu s: CPU time of the measuring thread"
                            + " in it, which leaves out time spent waiting for a core. Per CPU second: parse %,.0f, expand %,.0f,"
                            + " check %,.0f templates/s%n",
                    n / parse.cpuMedian(), n / expand.cpuMedian(), n / checked.cpuMedian());
            System.out.printf(Locale.ROOT, "shares of a check pass: parse %.0f %%, engine (compile + expand) %.0f %%, policies %.0f %%"
                            + " (%.0f ns per policy evaluation); %,.0f / %,.0f / %,.0f bytes allocated per template"
                            + " (parse / expand / check); GC: %d collections, %.2f s during the passes%n",
                    100 * parse.median() / checked.median(), 100 * engineShare / checked.median(), 100 * policyShare / checked.median(),
                    evaluations == 0 ? 0 : policyShare * 1e9 / evaluations, parse.bytesPerPass() / n, expand.bytesPerPass() / n,
                    checked.bytesPerPass() / n, gc.count(), gc.seconds());
            outcomes.print();
            if (exceptions.get() > 0) {
                System.out.println("exceptions out of the gate during the passes: " + exceptions.get());
            }

            ObjectNode c = result.putObject("corpus");
            c.put("templates", n);
            c.put("parameterFiles", parameterFiles);
            c.put("linkedTemplates", linkedFiles);
            c.put("characters", chars);
            c.put("policies", policies.entries().size());
            c.put("policiesEvaluated", active);
            c.put("resources", resources);
            c.put("policyEvaluationsPerCheckPass", evaluations);
            ArrayNode lp = c.putArray("linkProblems");
            corpus.linkProblems().forEach(lp::add);
            phase("readTree", readTree, n, resources);
            phase("parse", parse, n, resources);
            phase("expand", expand, n, resources);
            phase("check", checked, n, resources).put("nsPerPolicyEvaluation", evaluations == 0 ? 0 : policyShare * 1e9 / evaluations);
            if (parallel != null) {
                phase("checkParallel", parallel, n, resources).put("threads", threads);
            }
            ObjectNode ratios = result.putObject("ratios");
            ratios.put("readTreeVsParse", ratio(readTree, parse));
            ratios.put("expandVsParse", ratio(expand, parse));
            ratios.put("checkVsExpand", ratio(checked, expand));
            ratios.put("checkVsParse", ratio(checked, parse));
            if (parallel != null) {
                ratios.put("parallelSpeedup", ratio(checked, parallel));
                ratios.put("parallelThreads", threads);
            }
            if (!Double.isNaN(parse.cpuMedian())) {
                ObjectNode cpuRatios = ratios.putObject("cpu");
                cpuRatios.put("expandVsParse", expand.cpuMedian() / parse.cpuMedian());
                cpuRatios.put("checkVsExpand", checked.cpuMedian() / expand.cpuMedian());
                cpuRatios.put("checkVsParse", checked.cpuMedian() / parse.cpuMedian());
            }
            ObjectNode shares = result.putObject("checkShares");
            shares.put("parse", parse.median() / checked.median());
            shares.put("engine", engineShare / checked.median());
            shares.put("policies", policyShare / checked.median());
            result.put("gcCollectionsDuringPasses", gc.count());
            result.put("gcSecondsDuringPasses", gc.seconds());
            result.set("outcomes", outcomes.toJson());
            result.put("exceptionsDuringPasses", exceptions.get());
            ((ObjectNode) result.get("machine")).put("loadAverage1mAtEnd", Machine.loadAverage());
            ResultFile.write(out, result);
            System.out.println("wrote " + out.toAbsolutePath());
        }

        /**
         * The floor under the baseline: the same texts through Jackson's {@code readTree} with the
         * same lenient reader ({@code Json.MAPPER}: comments, trailing commas), without the
         * locations and checks {@code TemplateSource.parse} adds. How far parse is above it is
         * what recording locations and checking the tree cost.
         */
        long readTreeAll(List<TemplateCorpus.Template> templates) {
            long h = 0;
            for (TemplateCorpus.Template x : templates) {
                TemplateInput in = x.input();
                h += readTree(in.text()) + readTree(in.parametersText());
                for (TemplateCorpus.Text l : x.linked()) {
                    h += readTree(l.text());
                }
            }
            return h;
        }

        private static long readTree(String text) {
            if (text == null) {
                return 0;
            }
            try {
                return Json.MAPPER.readTree(text).size();
            } catch (java.io.IOException e) {
                return 1;
            }
        }

        /** Parses every text of every template once; returns a checksum. */
        long parseAll(List<TemplateCorpus.Template> templates) {
            long h = 0;
            for (TemplateCorpus.Template x : templates) {
                TemplateInput in = x.input();
                h += parse(in.text(), in.file()) + parse(in.parametersText(), in.parametersFile());
                for (TemplateCorpus.Text l : x.linked()) {
                    h += parse(l.text(), l.name());
                }
            }
            return h;
        }

        private static long parse(String text, String name) {
            if (text == null) {
                return 0;
            }
            try {
                return TemplateSource.parse(text, name).root().size();
            } catch (JsonInputException e) {
                return 1; // the gate reports it as InvalidTemplate; the outcomes count it
            }
        }

        long expandRange(TemplateInput[] inputs, int from, int to, Expander expander) {
            long h = 0;
            for (int i = from; i < to; i++) {
                try {
                    TemplateCheck.Expanded x = TemplateCheck.expand(inputs[i], expander);
                    h += x.problems().size() + (x.expansion() == null ? 0 : x.expansion().resources().size());
                } catch (RuntimeException | StackOverflowError e) {
                    exceptions.incrementAndGet();
                }
            }
            return h;
        }

        long checkRange(TemplateInput[] inputs, int from, int to, TemplateCheck check) {
            long h = 0;
            for (int i = from; i < to; i++) {
                try {
                    TemplateReport r = check.check(inputs[i]);
                    h += r.resources().size() + r.checks().size() + 7L * r.findings().size();
                } catch (RuntimeException | StackOverflowError e) {
                    exceptions.incrementAndGet();
                }
            }
            return h;
        }

        /**
         * Templates handed out one at a time to {@code threads} workers: they are coarse (a
         * millisecond or more each) and vary a lot, so finer chunks balance better than ranges.
         */
        long checkParallel(ExecutorService pool, TemplateInput[] inputs, TemplateCheck check) {
            AtomicInteger next = new AtomicInteger();
            List<Future<Long>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                futures.add(pool.submit(() -> {
                    long h = 0;
                    int i;
                    while ((i = next.getAndIncrement()) < inputs.length) {
                        h += checkRange(inputs, i, i + 1, check);
                    }
                    return h;
                }));
            }
            return Passes.sum(futures);
        }

        private void row(String phase, Timing t, int templates, long resources, String ratio) {
            boolean cpu = !Double.isNaN(t.cpuMedian()) && !phase.contains("threads"); // the pool's CPU is not this thread's
            table.add(new String[]{phase, String.format(Locale.ROOT, "%.3f", t.median()),
                    cpu ? String.format(Locale.ROOT, "%.3f", t.cpuMedian()) : "–",
                    String.format(Locale.ROOT, "%,.0f", templates / t.median()),
                    String.format(Locale.ROOT, "%,.0f", resources / t.median()), ratio});
        }

        private ObjectNode phase(String name, Timing t, int templates, long resources) {
            ObjectNode o = result.putObject(name);
            o.put("seconds", t.median());
            o.put("bestSeconds", t.min());
            o.put("coldSeconds", t.cold());
            o.put("templatesPerSecond", templates / t.median());
            o.put("resourcesPerSecond", resources / t.median());
            if (!Double.isNaN(t.cpuMedian()) && !name.equals("checkParallel")) {
                o.put("cpuSeconds", t.cpuMedian());
                o.put("templatesPerCpuSecond", templates / t.cpuMedian());
                o.put("resourcesPerCpuSecond", resources / t.cpuMedian());
            }
            if (t.bytesPerPass() > 0 && !name.equals("checkParallel")) { // the counter sees only this thread
                o.put("bytesAllocatedPerTemplate", t.bytesPerPass() / templates);
            }
            ArrayNode all = o.putArray("passSeconds");
            for (double d : t.passes()) {
                all.add(d);
            }
            return o;
        }
    }

    /** Characters of text a template brings: itself, its parameter file, its linked templates. */
    private static long chars(TemplateCorpus.Template x) {
        TemplateInput in = x.input();
        long c = (in.text() == null ? 0 : in.text().length()) + (in.parametersText() == null ? 0 : in.parametersText().length());
        return c + x.linked().stream().mapToLong(l -> l.text().length()).sum();
    }
}
