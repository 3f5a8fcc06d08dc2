package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.Origin;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.LogSourceSpec;
import io.rampart.threat.sigma.RuleCompiler;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.ShippedRules;
import io.rampart.threat.sigma.SigmaRule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * Detection throughput on one thread: events per second through the full shipped rule set
 * (SigmaHQ cloud rules + Rampart's), against a baseline measured in the same run — the time to
 * just parse the same events. Input: every Stratus Red Team AWS detonation log
 * ({@code ../shared/corpora/stratus-red-team}, real CloudTrail records) as JSON lines, repeated to
 * {@code --events} lines per pass.
 *
 * <p>Phases, run round-robin within each round (each ratio is the median of per-round ratios):
 * <ul>
 *   <li><b>parse</b> (baseline): Jackson {@code readTree} of each line and the log-family
 *       recognition that builds the event;</li>
 *   <li><b>detect</b>: parse + every rule of the event's log family (the engine's routing);</li>
 *   <li><b>detect, every rule on every event</b>: parse + all 182 single-event rules with their
 *       logsource removed, the worst case without routing;</li>
 *   <li><b>session</b>: parse + the whole detection session (rules, correlations, alerts,
 *       deduplication; incidents at the end).</li>
 * </ul>
 *
 * <pre>
 * java -cp rampart-bench/target/benchmarks.jar io.rampart.bench.DetectionHarness \
 *     [--warmup 2] [--passes 7] [--events 100000] [--out target/bench/detect.json]
 * </pre>
 */
public final class DetectionHarness {

    private DetectionHarness() {
    }

    public static void main(String[] args) throws IOException {
        int warmup = 2, passes = 7, target = 100_000;
        Path out = Path.of("rampart-bench/target/bench/detect.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--events" -> target = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    System.err.println("DetectionHarness: unknown argument " + args[i]);
                    System.exit(2);
                }
            }
        }
        Machine.warnIfBusy();
        ObjectMapper json = new ObjectMapper();
        List<String> distinct = new ArrayList<>();
        Path logs = Shared.corpus("stratus-red-team").resolve("docs").resolve("detonation-logs");
        try (Stream<Path> s = Files.list(logs)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode e : json.readTree(f.toFile())) {
                    distinct.add(json.writeValueAsString(e));
                }
            }
        }
        List<String> lines = new ArrayList<>(target);
        while (lines.size() < target) {
            lines.add(distinct.get(lines.size() % distinct.size()));
        }
        long bytes = lines.stream().mapToLong(String::length).sum();

        long t0 = System.nanoTime();
        RuleSet shipped = ShippedRules.compile();
        double compileSeconds = (System.nanoTime() - t0) / 1e9;
        DetectionEngine routed = new DetectionEngine(shipped);
        List<CompiledRule> everywhere = new ArrayList<>();
        RuleCompiler compiler = new RuleCompiler();
        for (CompiledRule r : shipped.rules()) {
            SigmaRule x = r.rule();
            SigmaRule any = new SigmaRule(x.title(), x.id(), x.name(), x.status(), x.description(), x.author(), x.date(), x.modified(),
                    x.references(), x.tags(), x.level(), LogSourceSpec.ANY, x.detection(), x.falsePositives(), x.license(), x.source());
            if (compiler.compile(any) instanceof RuleCompiler.Compiled c) {
                everywhere.add(c.rule());
            }
        }
        DetectionEngine unrouted = new DetectionEngine(new RuleSet(everywhere, List.of(), List.of(), everywhere.size()));
        int rulesForCloudTrail = routed.rulesFor(io.rampart.threat.event.LogFamily.AWS_CLOUDTRAIL).size();

        long[] sink = new long[1];
        LongSupplier parse = () -> {
            long n = 0;
            for (int i = 0; i < lines.size(); i++) {
                LogEvent e = event(json, lines.get(i), i);
                n += e.family().ordinal();
            }
            return n;
        };
        LongSupplier detect = () -> {
            long n = 0;
            for (int i = 0; i < lines.size(); i++) {
                n += routed.matches(event(json, lines.get(i), i)).size();
            }
            return n;
        };
        LongSupplier detectAll = () -> {
            long n = 0;
            for (int i = 0; i < lines.size(); i++) {
                n += unrouted.matches(event(json, lines.get(i), i)).size();
            }
            return n;
        };
        long[] alerts = new long[1];
        LongSupplier session = () -> {
            DetectionSession s = new DetectionSession(routed, DetectionOptions.defaults(),
                    Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), List.of());
            for (int i = 0; i < lines.size(); i++) {
                s.accept(event(json, lines.get(i), i));
            }
            DetectionResult r = s.finish();
            alerts[0] = r.alerts().size();
            return r.events();
        };
        String[] names = {"parse (baseline)", "detect, routed by log family", "detect, every rule on every event", "detection session (alerts, dedup, incidents)"};
        LongSupplier[] phases = {parse, detect, detectAll, session};
        double[][] seconds = new double[phases.length][passes];
        long[] matches = new long[phases.length];
        for (int round = 0; round < warmup + passes; round++) {
            for (int p = 0; p < phases.length; p++) {
                long start = System.nanoTime();
                long r = phases[p].getAsLong();
                double sec = (System.nanoTime() - start) / 1e9;
                sink[0] += r;
                matches[p] = r;
                if (round >= warmup) {
                    seconds[p][round - warmup] = sec;
                }
            }
        }
        double[] median = new double[phases.length];
        double[] ratio = new double[phases.length];
        for (int p = 0; p < phases.length; p++) {
            median[p] = median(seconds[p]);
            double[] per = new double[passes];
            for (int k = 0; k < passes; k++) {
                per[k] = seconds[p][k] / seconds[0][k];
            }
            ratio[p] = median(per);
        }
        System.out.printf(Locale.ROOT, "%d events per pass (%d distinct Stratus CloudTrail records, %.1f MB of JSON), %d warmup + %d measured passes, 1 thread%n",
                lines.size(), distinct.size(), bytes / 1e6, warmup, passes);
        System.out.printf(Locale.ROOT, "rules: %d loaded (%d compiled in %.2f s cold), %d apply to CloudTrail after routing; %d in the unrouted set%n",
                shipped.total(), shipped.compiled(), compileSeconds, rulesForCloudTrail, everywhere.size());
        System.out.printf(Locale.ROOT, "%-48s %10s %14s %10s%n", "phase", "seconds", "events/s", "× parse");
        ObjectNode result = json.createObjectNode();
        result.set("machine", Machine.describe());
        result.put("events", lines.size());
        result.put("distinctEvents", distinct.size());
        result.put("rulesLoaded", shipped.total());
        result.put("rulesForCloudTrail", rulesForCloudTrail);
        result.put("alertsPerPass", alerts[0]);
        var arr = result.putArray("phases");
        for (int p = 0; p < phases.length; p++) {
            double rate = lines.size() / median[p];
            System.out.printf(Locale.ROOT, "%-48s %10.3f %14s %9.2f×%n", names[p], median[p], String.format(Locale.ROOT, "%,.0f", rate), ratio[p]);
            arr.addObject().put("phase", names[p]).put("medianSeconds", median[p]).put("eventsPerSecond", rate)
                    .put("timesParse", ratio[p]).put("result", matches[p]);
        }
        System.out.printf(Locale.ROOT, "rule matches per pass: routed %d, unrouted %d; alerts after dedup per pass: %d%n",
                matches[1], matches[2], alerts[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(result));
        if (sink[0] == 42) {
            System.out.println();
        }
    }

    private static LogEvent event(ObjectMapper json, String line, int i) {
        try {
            return EventClassifier.event(json.readTree(line), new Origin("bench", i + 1));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
