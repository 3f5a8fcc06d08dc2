package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.server.testing.ServerProcess;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server load harness: the server's Spring Boot jar in a child JVM on a loopback port (H2 in
 * a temp folder, removed afterwards), and 1, 4, 16 ... concurrent clients (JDK HttpClient, one
 * synchronous request at a time each) PUTting new storage accounts through the ARM API. Scenarios,
 * each in its own subscription, measured round-robin so drift hits them alike:
 * <ul>
 *   <li><b>baseline</b>: no policy assignment;</li>
 *   <li><b>allowed</b>: built-in <i>Allowed locations</i> assigned (through
 *       {@code PUT .../providers/Microsoft.Authorization/policyAssignments/{name}}), resources in an
 *       allowed location;</li>
 *   <li><b>denied</b>: the same assignment, resources in a location outside the list — 403
 *       RequestDisallowedByPolicy where the server enforces policy;</li>
 *   <li><b>mcsb</b>: the Microsoft cloud security benchmark initiative assigned (223 members;
 *       Audit/AuditIfNotExists by default, so writes are allowed).</li>
 * </ul>
 * Before measuring, one probe write per scenario checks what the server does: if the denied write
 * is not refused, the server does not enforce policy, and the report says so instead of calling
 * those figures denials. Reports p50/p99 latency and throughput per scenario and concurrency, and
 * each as a ratio to the baseline (latency percentiles over the pooled measured rounds; throughput
 * the median of per-round ratios).
 *
 * <pre>
 * java -cp rampart-bench/target/benchmarks.jar io.rampart.bench.LoadHarness [--server-jar rampart-server/target/rampart-server.jar]
 *     [--clients 1,4,16] [--requests 240] [--warmup 1] [--rounds 3] [--server-heap 1g] [--out target/bench/load.json]
 * </pre>
 */
public final class LoadHarness {

    static final String ALLOWED_LOCATIONS_ID = "/providers/Microsoft.Authorization/policyDefinitions/" + Fixtures.ALLOWED_LOCATIONS;
    static final String ASSIGNMENT_API = "?api-version=2023-04-01";

    /** One scenario: its subscription, the assignment put there (null: none), the location its writes use, the status it expects. */
    record Scenario(String name, String subscription, String assignmentBody, String location, String expectation) {
        String group() {
            return "/subscriptions/" + subscription + "/resourceGroups/load";
        }
    }

    private LoadHarness() {
    }

    public static void main(String[] args) throws Exception {
        Path serverJar = Path.of("rampart-server", "target", "rampart-server.jar");
        int[] clients = {1, 4, 16};
        int requests = 240;
        int warmup = 1;
        int rounds = 3;
        String serverHeap = "1g";
        boolean mcsb = true;
        Path out = Path.of("target", "bench", "load.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server-jar" -> serverJar = Path.of(args[++i]);
                case "--clients" -> clients = Arrays.stream(args[++i].split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--server-heap" -> serverHeap = args[++i];
                case "--no-mcsb" -> mcsb = false;
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: LoadHarness [--server-jar JAR] [--clients 1,4,16] [--requests N per scenario and round]"
                            + " [--warmup N] [--rounds N] [--server-heap SIZE] [--no-mcsb] [--out FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        if (requests < 1 || rounds < 1 || warmup < 0 || clients.length == 0 || Arrays.stream(clients).anyMatch(c -> c < 1)) {
            throw new IllegalArgumentException("need --requests >= 1, --rounds >= 1, --warmup >= 0, --clients of numbers >= 1");
        }
        new LoadHarness.Run(serverJar, clients, requests, warmup, rounds, serverHeap, mcsb, out).run();
    }

    private static final class Run {
        final Path serverJar;
        final int[] clients;
        final int requests;
        final int warmup;
        final int rounds;
        final String serverHeap;
        final boolean mcsb;
        final Path out;
        final ObjectNode result = Values.object();
        final StorageAccounts accounts = StorageAccounts.asInRestExample();
        final AtomicInteger names = new AtomicInteger();

        Run(Path serverJar, int[] clients, int requests, int warmup, int rounds, String serverHeap, boolean mcsb, Path out) {
            this.serverJar = serverJar;
            this.clients = clients;
            this.requests = requests;
            this.warmup = warmup;
            this.rounds = rounds;
            this.serverHeap = serverHeap;
            this.mcsb = mcsb;
            this.out = out;
        }

        void run() throws Exception {
            System.out.println("Rampart server load harness — " + Machine.oneLine());
            Machine.warnIfBusy();
            result.set("machine", Machine.describe());
            ObjectNode settings = result.putObject("settings");
            ArrayNode cs = settings.putArray("clients");
            Arrays.stream(clients).forEach(cs::add);
            settings.put("requestsPerScenarioAndRound", requests);
            settings.put("warmupRounds", warmup);
            settings.put("measuredRounds", rounds);

            try (ChildServer server = ChildServer.start(serverJar, serverHeap, "load-harness-admin-token-0123456789")) {
                server.describe(settings);
                result.put("serverStartSeconds", server.startSeconds());
                measure(server.process());
            }
        }

        void measure(ServerProcess server) throws Exception {
            List<Scenario> scenarios = new ArrayList<>();
            scenarios.add(new Scenario("baseline", "10ad0000-0000-4000-8000-000000000001", null, "westeurope", "2xx (no assignment)"));
            String allowedLocations = "{\"properties\":{\"displayName\":\"Allowed locations\",\"policyDefinitionId\":\"" + ALLOWED_LOCATIONS_ID
                    + "\",\"parameters\":{\"listOfAllowedLocations\":{\"value\":[\"westeurope\",\"northeurope\"]}}}}";
            scenarios.add(new Scenario("allowed", "10ad0000-0000-4000-8000-000000000002", allowedLocations, "westeurope",
                    "2xx (Allowed locations assigned; location in the list)"));
            scenarios.add(new Scenario("denied", "10ad0000-0000-4000-8000-000000000003", allowedLocations, "eastus",
                    "403 RequestDisallowedByPolicy (Allowed locations assigned; location outside the list)"));
            if (mcsb) {
                scenarios.add(new Scenario("mcsb", "10ad0000-0000-4000-8000-000000000004",
                        "{\"properties\":{\"displayName\":\"MCSB\",\"policyDefinitionId\":\"" + ComplianceScanHarness.MCSB_SET_ID + "\"}}",
                        "westeurope", "2xx (Microsoft cloud security benchmark assigned: Audit / AuditIfNotExists)"));
            }
            ObjectNode setup = result.putObject("setup");
            for (Scenario s : scenarios) {
                server.require("PUT", "/subscriptions/" + s.subscription() + "?api-version=2022-12-01", "{\"displayName\":\"load " + s.name() + "\"}");
                server.require("PUT", s.group() + "?api-version=2021-04-01", "{\"location\":\"westeurope\"}");
                if (s.assignmentBody() != null) {
                    String path = "/subscriptions/" + s.subscription() + "/providers/Microsoft.Authorization/policyAssignments/load-" + s.name();
                    long t = System.nanoTime();
                    ServerProcess.Answer a = server.call("PUT", path + ASSIGNMENT_API, s.assignmentBody());
                    double seconds = Passes.seconds(t);
                    setup.putObject(s.name()).put("assignmentStatus", a.status()).put("assignmentSeconds", seconds);
                    System.out.printf(Locale.ROOT, "%-8s assignment PUT %s → %d in %.2f s%n", s.name(), path, a.status(), seconds);
                    if (!a.ok()) {
                        throw new IllegalStateException("the " + s.name() + " assignment was refused (" + a.status() + "): " + a.body());
                    }
                }
            }

            // ---- what does this server do with each scenario's write? -------------------------------
            ObjectNode probes = result.putObject("probes");
            boolean enforces = true;
            for (Scenario s : scenarios) {
                ServerProcess.Answer a = server.call("PUT", resourcePath(s, "probe"), body(s, 0));
                String code = errorCode(a.body());
                ObjectNode p = probes.putObject(s.name());
                p.put("expected", s.expectation());
                p.put("status", a.status());
                if (code != null) {
                    p.put("errorCode", code);
                }
                System.out.printf(Locale.ROOT, "probe %-8s → %d%s (expected %s)%n", s.name(), a.status(), code == null ? "" : " " + code, s.expectation());
                if (s.name().equals("denied")) {
                    enforces = a.status() == 403 && "RequestDisallowedByPolicy".equals(code);
                } else if (!a.ok()) {
                    throw new IllegalStateException("the " + s.name() + " probe write failed (" + a.status() + "): " + a.body());
                }
            }
            result.put("serverEnforcesPolicy", enforces);
            if (!enforces) {
                System.out.println();
                System.out.println("NOTE: the denied write was NOT refused — this server build does not enforce policy (the governance wiring"
                        + " is not in it). The 'denied' figures below are writes that were stored, not denials.");
                System.out.println();
            }

            // ---- measured rounds --------------------------------------------------------------------
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ArrayNode table = result.putArray("results");
            List<String[]> lines = new ArrayList<>();
            for (int c : clients) {
                Map<String, List<long[]>> latencies = new LinkedHashMap<>();
                Map<String, List<Double>> seconds = new LinkedHashMap<>();
                Map<String, Map<Integer, Integer>> statuses = new LinkedHashMap<>();
                for (Scenario s : scenarios) {
                    latencies.put(s.name(), new ArrayList<>());
                    seconds.put(s.name(), new ArrayList<>());
                    statuses.put(s.name(), new TreeMap<>());
                }
                for (int round = 0; round < warmup + rounds; round++) {
                    boolean measured = round >= warmup;
                    // rotate the order each round so no scenario always runs first (after a GC, say)
                    for (int k = 0; k < scenarios.size(); k++) {
                        Scenario s = scenarios.get((k + round) % scenarios.size());
                        PutBurst b = burst(server, http, s, c);
                        if (measured) {
                            latencies.get(s.name()).add(b.latencies());
                            seconds.get(s.name()).add(b.seconds());
                            b.statuses().forEach((st, n) -> statuses.get(s.name()).merge(st, n, Integer::sum));
                        }
                    }
                    System.out.printf(Locale.ROOT, "  %2d clients, %s round %d done (load average %.2f)%n", c, measured ? "measured" : "warmup",
                            measured ? round - warmup + 1 : round + 1, Machine.loadAverage());
                }
                Stats base = Stats.of(latencies.get("baseline"), seconds.get("baseline"), requests);
                for (Scenario s : scenarios) {
                    Stats st = Stats.of(latencies.get(s.name()), seconds.get(s.name()), requests);
                    double throughputRatio = medianRatio(seconds.get("baseline"), seconds.get(s.name()));
                    ObjectNode row = table.addObject();
                    row.put("clients", c);
                    row.put("scenario", s.name());
                    row.put("requests", st.count());
                    row.put("p50Ms", st.p50() / 1e6);
                    row.put("p99Ms", st.p99() / 1e6);
                    row.put("meanMs", st.mean() / 1e6);
                    row.put("throughputPerSecond", st.throughput());
                    row.put("p50VsBaseline", st.p50() / base.p50());
                    row.put("p99VsBaseline", st.p99() / base.p99());
                    row.put("throughputVsBaseline", throughputRatio);
                    ObjectNode sts = row.putObject("statuses");
                    statuses.get(s.name()).forEach((k, v) -> sts.put(Integer.toString(k), v));
                    lines.add(new String[]{Integer.toString(c), s.name(), String.format(Locale.ROOT, "%.2f", st.p50() / 1e6),
                            String.format(Locale.ROOT, "%.2f", st.p99() / 1e6), String.format(Locale.ROOT, "%,.0f", st.throughput()),
                            s.name().equals("baseline") ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f× / %.2f×", st.p50() / base.p50(), st.p99() / base.p99()),
                            s.name().equals("baseline") ? "1 (baseline)" : String.format(Locale.ROOT, "%.2f×", throughputRatio),
                            statuses.get(s.name()).toString()});
                }
            }

            System.out.println();
            System.out.printf(Locale.ROOT, "PUT a storage account (%,d bytes) per request; %d requests per scenario per round; %d measured rounds after %d warmup;"
                    + " server and clients share the machine%n", accounts.size(), requests, rounds, warmup);
            if (!enforces) {
                System.out.println("(server does NOT enforce policy: 'denied' rows are stored writes, see the NOTE above)");
            }
            System.out.println();
            System.out.printf(Locale.ROOT, "%7s  %-8s %8s %8s %10s  %-22s %-12s %s%n", "clients", "scenario", "p50 ms", "p99 ms", "writes/s",
                    "p50 / p99 vs baseline", "throughput", "statuses");
            for (String[] l : lines) {
                System.out.printf(Locale.ROOT, "%7s  %-8s %8s %8s %10s  %-22s %-12s %s%n", (Object[]) l);
            }
            ((ObjectNode) result.get("machine")).put("loadAverage1mAtEnd", Machine.loadAverage());
            ResultFile.write(out, result);
            System.out.println();
            System.out.println("wrote " + out.toAbsolutePath());
        }

        String resourcePath(Scenario s, String name) {
            return StorageAccounts.path(s.group(), name);
        }

        String body(Scenario s, int n) {
            return accounts.body(s.location(), "load", s.name(), "n", Integer.toString(n));
        }

        /** {@code requests} new-resource PUTs spread over {@code c} client threads. */
        PutBurst burst(ServerProcess server, HttpClient http, Scenario s, int c) throws InterruptedException {
            // bodies and requests prepared up front: only the exchange is timed
            HttpRequest[] prepared = new HttpRequest[requests];
            for (int i = 0; i < requests; i++) {
                int n = names.incrementAndGet();
                prepared[i] = server.request("PUT", resourcePath(s, "sa" + n), body(s, n));
            }
            return PutBurst.send(server, http, prepared, c);
        }
    }

    /** Latency percentiles over pooled rounds (ns) and the median per-round throughput. */
    record Stats(int count, double p50, double p99, double mean, double throughput) {
        static Stats of(List<long[]> rounds, List<Double> seconds, int requests) {
            long[] all = rounds.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double[] tps = seconds.stream().mapToDouble(s -> requests / s).toArray();
            return new Stats(all.length, percentile(all, 0.50), percentile(all, 0.99), Arrays.stream(all).average().orElse(Double.NaN),
                    Passes.median(tps));
        }

        /** Nearest-rank percentile of sorted values. */
        static double percentile(long[] sorted, double q) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(q * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

    /** Throughput of b over a's, per round (the rounds ran back to back), the median of those. */
    static double medianRatio(List<Double> baselineSeconds, List<Double> scenarioSeconds) {
        double[] r = new double[Math.min(baselineSeconds.size(), scenarioSeconds.size())];
        for (int i = 0; i < r.length; i++) {
            r[i] = baselineSeconds.get(i) / scenarioSeconds.get(i);
        }
        return Passes.median(r);
    }

    static String errorCode(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode j = Json.read(body, "answer");
            JsonNode code = j.path("error").path("code");
            return code.isTextual() ? code.textValue() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
