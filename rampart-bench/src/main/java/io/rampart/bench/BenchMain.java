package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;
import io.rampart.policy.PolicyEngine;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@link EvaluationBenchmark}, {@link BaselineBenchmark} and {@link TemplateBenchmark} in one
 * JMH run and prints each evaluation's time as a multiple of the baselines measured alongside it
 * (parse and walk of the same resource), the cost of explain=true relative to explain=false, and
 * a template's expansion and check as multiples of parsing it.
 *
 * <pre>
 * java -cp rampart-bench/target/benchmarks.jar io.rampart.bench.BenchMain [--long] [--include REGEX] [--prof gc] [--out DIR]
 * </pre>
 *
 * Default (short): 1 fork, 4 × 1 s warmup, 5 × 1 s measurement — a few minutes on 2 cores.
 * {@code --long}: 3 forks, 5 × 2 s warmup, 10 × 2 s measurement, for figures worth quoting.
 * Writes JMH's own JSON ({@code jmh.json}) and the ratio table ({@code jmh-summary.json}) to
 * {@code DIR} (default {@code target/bench}).
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** One result; bytesPerOp is JMH's gc.alloc.rate.norm when run with --prof gc, else NaN. */
    private record Row(String method, String explain, double nsPerOp, double error, double bytesPerOp) {
        String key() {
            return method + (explain == null ? "" : "/" + explain);
        }
    }

    public static void main(String[] args) throws RunnerException, IOException {
        boolean longRun = false;
        String include = null;
        List<String> profilers = new ArrayList<>();
        Path out = Path.of("target", "bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--long" -> longRun = true;
                case "--include" -> include = args[++i];
                case "--prof" -> profilers.add(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: BenchMain [--long] [--include REGEX] [--prof gc|stack|...] [--out DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        Files.createDirectories(out);
        Path shared = Shared.root();
        Machine.warnIfBusy();
        double loadAtStart = Machine.loadAverage();
        String evaluations = EvaluationBenchmark.class.getName() + "\\." + (include == null ? ".*" : ".*(" + include + ").*");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(BaselineBenchmark.class.getName() + "\\..*")
                .include(evaluations)
                .forks(longRun ? 3 : 1)
                .warmupIterations(longRun ? 5 : 4)
                .warmupTime(TimeValue.seconds(longRun ? 2 : 1))
                .measurementIterations(longRun ? 10 : 5)
                .measurementTime(TimeValue.seconds(longRun ? 2 : 1))
                .jvmArgsAppend(forkJvmArgs(shared))
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("jmh.json").toString());
        String templates = templateBenchmarks(include);
        if (templates != null) {
            options.include(templates);
        }
        for (String p : profilers) {
            options.addProfiler(p);
        }
        Collection<RunResult> results = new Runner(options.build()).run();

        Map<String, Row> rows = new LinkedHashMap<>();
        for (RunResult r : results) {
            String bench = r.getParams().getBenchmark();
            String method = bench.substring(bench.lastIndexOf('.') + 1);
            String explain = r.getParams().getParam("explain");
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            String unit = r.getPrimaryResult().getScoreUnit();
            if (!unit.startsWith("ns/")) {
                throw new IllegalStateException("expected ns/op, got " + unit);
            }
            var alloc = r.getSecondaryResults().get("gc.alloc.rate.norm");
            Row row = new Row(method, explain, score, error, alloc == null ? Double.NaN : alloc.getScore());
            rows.put(row.key(), row);
        }
        Mcsb mcsb = mcsb();
        print(rows, mcsb, longRun);
        writeSummary(out.resolve("jmh-summary.json"), rows, mcsb, longRun, loadAtStart);
    }

    /** Heap fixed for repeatable GC behaviour; JDK 24+ warns about JMH's use of sun.misc.Unsafe unless told it's allowed. */
    private static String[] forkJvmArgs(Path shared) {
        List<String> args = new ArrayList<>(List.of("-Xms1g", "-Xmx1g", "-Drampart.shared=" + shared));
        String unsafe = "--sun-misc-unsafe-memory-access=allow";
        // JMH hands the forks this JVM's own options too; add the flag only when they lack it.
        if (Runtime.version().feature() >= 24
                && !java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains(unsafe)) {
            args.add(unsafe);
        }
        return args.toArray(String[]::new);
    }

    /**
     * The {@link TemplateBenchmark} methods to run: all without {@code --include}; else those the
     * pattern matches, with their parse baseline; null when it matches none.
     */
    private static String templateBenchmarks(String include) {
        String cls = TemplateBenchmark.class.getName() + "\\.";
        if (include == null) {
            return cls + ".*";
        }
        Pattern p = Pattern.compile(include);
        boolean any = Stream.of("expandTemplate", "checkTemplate").anyMatch(m -> p.matcher(m).find());
        return any ? cls + "(parseTemplate|.*(" + include + ").*)" : null;
    }

    /** Which baseline resource an evaluation benchmark reads. */
    private static String resourceOf(String method) {
        return method.toLowerCase(Locale.ROOT).contains("keyvault") ? "KeyVault" : "StorageAccount";
    }

    private static void print(Map<String, Row> rows, Mcsb info, boolean longRun) {
        System.out.println();
        System.out.println("Rampart evaluation benchmarks (" + (longRun ? "long" : "short") + " settings) — " + Machine.oneLine());
        System.out.println();
        boolean alloc = rows.values().stream().anyMatch(r -> !Double.isNaN(r.bytesPerOp()));
        System.out.printf(Locale.ROOT, "%-28s %-7s %14s %12s %14s %10s %10s%s%n", "benchmark", "explain", "ns/op", "± error",
                "ops/s", "× parse", "× walk", alloc ? String.format(Locale.ROOT, " %12s", "bytes/op") : "");
        for (Row r : rows.values()) {
            String ratios = String.format(Locale.ROOT, "%10s %10s", "", "");
            if (r.explain() != null) {
                Row parse = rows.get("parse" + resourceOf(r.method()));
                Row walk = rows.get("walk" + resourceOf(r.method()));
                ratios = String.format(Locale.ROOT, "%10s %10s", ratio(r, parse), ratio(r, walk));
            } else if (isTemplateOp(r)) {
                ratios = String.format(Locale.ROOT, "%10s %10s", ratio(r, rows.get("parseTemplate")), "");
            }
            if (alloc) {
                ratios += String.format(Locale.ROOT, " %,12.0f", r.bytesPerOp());
            }
            System.out.printf(Locale.ROOT, "%-28s %-7s %14.1f %12.1f %14.0f %s%n", r.method(), r.explain() == null ? "-" : r.explain(),
                    r.nsPerOp(), r.error(), 1e9 / r.nsPerOp(), ratios);
        }
        System.out.println();
        System.out.println("× parse / × walk: the evaluation's time divided by parsing the same resource's JSON text / walking its tree once;"
                + " for the template benchmarks, by parsing the template and its parameter file.");
        Row expand = rows.get("expandTemplate");
        Row check = rows.get("checkTemplate");
        if (expand != null && check != null) {
            System.out.printf(Locale.ROOT, "template %s: check = %.2f × expand (the policies' share of a check is %.0f %%)%n",
                    TemplateBenchmark.TEMPLATE, check.nsPerOp() / expand.nsPerOp(), 100 * (1 - expand.nsPerOp() / check.nsPerOp()));
        }
        for (Row r : rows.values()) {
            if ("true".equals(r.explain())) {
                Row off = rows.get(r.method() + "/false");
                if (off != null) {
                    System.out.printf(Locale.ROOT, "explain=true costs %.2f × explain=false for %s%n", r.nsPerOp() / off.nsPerOp(), r.method());
                }
            }
        }
        Row mcsb = rows.get("mcsbStorageAccount/false");
        if (mcsb != null && info.members() > 0) {
            System.out.printf(Locale.ROOT, "MCSB: %d of %d members evaluated (%d apply to the storage account; %s), %.0f ns per member on average"
                    + " (explain=false), %,.0f member evaluations/s%n", info.members(), info.declared(), info.applicable(), info.outcomes(),
                    mcsb.nsPerOp() / info.members(), info.members() * 1e9 / mcsb.nsPerOp());
            for (String s : info.skipped()) {
                System.out.println("  note: " + s);
            }
        }
    }

    /** An expansion or check of the template benchmark (not its parse baseline). */
    private static boolean isTemplateOp(Row r) {
        return r.method().endsWith("Template") && !r.method().equals("parseTemplate");
    }

    private static String ratio(Row r, Row base) {
        if (base == null) {
            return "n/a";
        }
        double x = r.nsPerOp() / base.nsPerOp();
        return String.format(Locale.ROOT, x < 10 ? "%.2f×" : "%.0f×", x);
    }

    /** The MCSB fixture as the benchmark evaluates it: members, skipped members, outcomes on the storage account. */
    private record Mcsb(int declared, int members, List<String> skipped, int applicable, Map<String, Long> outcomes) {
    }

    private static Mcsb mcsb() {
        try {
            BuiltInLibrary lib = BuiltInLibrary.load();
            PolicyEngine engine = Fixtures.engine(lib);
            Fixtures.Initiative i = Fixtures.initiative(lib, engine, Fixtures.MCSB);
            JsonNode storage = Fixtures.parse(Fixtures.restExampleText(Fixtures.STORAGE_SOURCE));
            EvaluationEnvironment env = Fixtures.environment();
            Map<String, Long> outcomes = new TreeMap<>();
            int applicable = 0;
            for (BoundPolicy p : i.members()) {
                EvaluationResult r = p.evaluate(storage, env, false);
                outcomes.merge(r.complianceState().displayName(), 1L, Long::sum);
                applicable += r.applicable() ? 1 : 0;
            }
            return new Mcsb(i.declaredMembers(), i.members().size(), i.skipped(), applicable, outcomes);
        } catch (RuntimeException e) {
            System.err.println("could not describe the MCSB fixture: " + e);
            return new Mcsb(0, 0, List.of(), 0, Map.of());
        }
    }

    private static void writeSummary(Path file, Map<String, Row> rows, Mcsb mcsb, boolean longRun, double loadAtStart)
            throws IOException {
        ObjectNode root = Values.object();
        ObjectNode machine = Machine.describe();
        machine.put("loadAverage1mAtStart", loadAtStart);
        root.set("machine", machine);
        root.put("settings", longRun ? "long: 3 forks, 5 x 2 s warmup, 10 x 2 s measurement" : "short: 1 fork, 4 x 1 s warmup, 5 x 1 s measurement");
        ObjectNode m = root.putObject("mcsb");
        m.put("declaredMembers", mcsb.declared());
        m.put("evaluatedMembers", mcsb.members());
        m.put("applicableToStorageAccount", mcsb.applicable());
        ObjectNode outcomes = m.putObject("outcomesOnStorageAccount");
        mcsb.outcomes().forEach(outcomes::put);
        ArrayNode skipped = m.putArray("versionNotes");
        mcsb.skipped().forEach(skipped::add);
        ArrayNode list = root.putArray("results");
        for (Row r : rows.values()) {
            ObjectNode o = list.addObject();
            o.put("benchmark", r.method());
            if (r.explain() != null) {
                o.put("explain", Boolean.parseBoolean(r.explain()));
            }
            o.put("nsPerOp", r.nsPerOp());
            o.put("error", r.error());
            o.put("opsPerSecond", 1e9 / r.nsPerOp());
            if (!Double.isNaN(r.bytesPerOp())) {
                o.put("bytesAllocatedPerOp", r.bytesPerOp());
            }
            if (r.explain() != null) {
                Row parse = rows.get("parse" + resourceOf(r.method()));
                Row walk = rows.get("walk" + resourceOf(r.method()));
                if (parse != null) {
                    o.put("timesParse", r.nsPerOp() / parse.nsPerOp());
                }
                if (walk != null) {
                    o.put("timesWalk", r.nsPerOp() / walk.nsPerOp());
                }
                Row off = rows.get(r.method() + "/false");
                if ("true".equals(r.explain()) && off != null) {
                    o.put("explainOverhead", r.nsPerOp() / off.nsPerOp());
                }
            } else if (isTemplateOp(r)) {
                o.put("template", TemplateBenchmark.TEMPLATE);
                Row parse = rows.get("parseTemplate");
                Row expand = rows.get("expandTemplate");
                if (parse != null) {
                    o.put("timesParse", r.nsPerOp() / parse.nsPerOp());
                }
                if (expand != null && r.method().equals("checkTemplate")) {
                    o.put("timesExpand", r.nsPerOp() / expand.nsPerOp());
                }
            }
        }
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), (JsonNode) root);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
