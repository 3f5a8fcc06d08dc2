package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;
import io.rampart.server.testing.ServerProcess;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Remediation throughput of the real server: its Spring Boot jar in a child JVM on loopback
 * ({@link ChildServer}, H2 in a temp folder), driven through the ARM API as a client would. For
 * each task, in a new resource group of the same subscription:
 * <ol>
 *   <li><b>baseline</b>: PUT {@code --resources} storage accounts one after the other (one client,
 *       the load harness's rest-example account with its firewall denying by default, no tag
 *       {@code costCenter}) — resources/s of plain writes;</li>
 *   <li>assign the built-in <i>Add a tag to resources</i> (Modify) at the group with a
 *       SystemAssigned identity, grant that identity Contributor there, and wait until the
 *       compliance scan reports every account NonCompliant (not timed into the task);</li>
 *   <li><b>the task</b>: PUT {@code .../Microsoft.PolicyInsights/remediations/{name}} with
 *       parallelDeployments 1 or 10 and poll it to a final state — resources/s from the PUT to
 *       the final state the client saw (the server's own createdOn → lastUpdatedOn is kept too).</li>
 * </ol>
 * A task's figure counts only if the task Succeeded with every account's record Succeeded and the
 * assignment's compliance in the group is 100% afterwards; anything else stops the harness with
 * the reason (exit 1). The ratio of a task is its rate over the baseline PUT rate measured just
 * before it, on the same bodies, so drift between tasks cancels; parallelDeployments' order
 * alternates between rounds.
 *
 * <p>{@code --public-network} PUTs the rest example as it is (firewall default Allow): the server's
 * live detection then raises an exposure alert for every write, the PUTs' and the task's, and
 * stores each with its subscription's incidents rebuilt — work on the same cores beside the write
 * path. Either way the detection meters ({@link DetectionMeters}) are recorded per task.
 *
 * <pre>
 * java -cp rampart-bench/target/benchmarks.jar io.rampart.bench.RemediationLoadHarness [--server-jar rampart-server/target/rampart-server.jar]
 *     [--resources 500] [--parallel 1,10] [--warmup 1] [--rounds 1] [--server-heap 1g] [--timeout-minutes 30]
 *     [--public-network] [--out target/bench/remediation-server.json]
 * </pre>
 */
public final class RemediationLoadHarness {

    /** Built-in "Add a tag to resources" (Modify; roleDefinitionIds: Contributor). */
    static final String ADD_TAG = "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26";
    static final String CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c";
    static final String TAG_PARAMETERS = "{\"tagName\":{\"value\":\"costCenter\"},\"tagValue\":{\"value\":\"cc-42\"}}";
    static final String SUBSCRIPTION = "/subscriptions/4e3ed1a0-0000-4000-8000-000000000001";
    static final String REMEDIATION_API = "?api-version=2021-10-01";
    static final String SUMMARIZE_API = "?api-version=2019-10-01";
    /** How often the client asks for the task's state: the client-side time is late by at most this. */
    static final Duration POLL = Duration.ofMillis(100);

    private RemediationLoadHarness() {
    }

    /** A wrong outcome (a task that did not remediate everything, a refused setup request): the harness stops. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s;
        try {
            s = Settings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("RemediationLoadHarness: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (s == null) {
            return;
        }
        try {
            new RemediationLoadHarness.Run(s).run();
        } catch (Failure e) {
            System.out.flush();
            System.err.println();
            System.err.println("RemediationLoadHarness FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    record Settings(Path serverJar, int resources, int[] parallel, int warmup, int rounds, String serverHeap, Duration timeout,
                    boolean publicNetwork, Path out) {
        static final String USAGE = "usage: RemediationLoadHarness [--server-jar JAR] [--resources N (500)] [--parallel 1,10] [--warmup N (1)]"
                + " [--rounds N (1)] [--server-heap SIZE (1g)] [--timeout-minutes M (30, per wait)] [--public-network] [--out FILE]";

        /** The settings, or null after printing the usage for --help. */
        static Settings parse(String[] args) {
            Path serverJar = Path.of("rampart-server", "target", "rampart-server.jar");
            int resources = 500;
            int[] parallel = {1, 10};
            int warmup = 1;
            int rounds = 1;
            String heap = "1g";
            int timeoutMinutes = 30;
            boolean publicNetwork = false;
            Path out = Path.of("target", "bench", "remediation-server.json");
            try {
                for (int i = 0; i < args.length; i++) {
                    switch (args[i]) {
                        case "-h", "--help" -> {
                            System.out.println(USAGE);
                            return null;
                        }
                        case "--public-network" -> publicNetwork = true;
                        case "--server-jar" -> serverJar = Path.of(value(args, ++i));
                        case "--resources" -> resources = Integer.parseInt(value(args, ++i));
                        case "--parallel" -> parallel = Arrays.stream(value(args, ++i).split(",")).map(String::strip).mapToInt(Integer::parseInt).toArray();
                        case "--warmup" -> warmup = Integer.parseInt(value(args, ++i));
                        case "--rounds" -> rounds = Integer.parseInt(value(args, ++i));
                        case "--server-heap" -> heap = value(args, ++i);
                        case "--timeout-minutes" -> timeoutMinutes = Integer.parseInt(value(args, ++i));
                        case "--out" -> out = Path.of(value(args, ++i));
                        default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
                    }
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number: " + e.getMessage());
            }
            // Azure's limits: resourceCount 1..50,000, parallelDeployments 1..30
            if (resources < 1 || resources > 50_000 || rounds < 1 || warmup < 0 || timeoutMinutes < 1 || parallel.length == 0
                    || Arrays.stream(parallel).anyMatch(p -> p < 1 || p > 30) || Arrays.stream(parallel).distinct().count() != parallel.length) {
                throw new IllegalArgumentException("need --resources 1..50000, --rounds >= 1, --warmup >= 0, --timeout-minutes >= 1,"
                        + " --parallel of distinct numbers 1..30");
            }
            return new Settings(serverJar, resources, parallel, warmup, rounds, heap, Duration.ofMinutes(timeoutMinutes), publicNetwork, out);
        }

        /** The value after an option. */
        private static String value(String[] args, int i) {
            if (i >= args.length) {
                throw new IllegalArgumentException(args[i - 1] + " needs a value");
            }
            return args[i];
        }
    }

    /** One task's figures: the baseline burst before it, the scan, the task. */
    record Task(String group, int parallel, boolean measured, double putSeconds, double scanSeconds, double taskSeconds,
                double serverTaskSeconds, double complianceLagSeconds, int n, DetectionMeters detection) {
        double putRate() {
            return n / putSeconds;
        }

        double rate() {
            return n / taskSeconds;
        }

        /** The task's rate over the PUT rate measured just before it. */
        double ratio() {
            return rate() / putRate();
        }

        ObjectNode toJson() {
            ObjectNode o = Values.object();
            o.put("resourceGroup", group);
            o.put("parallelDeployments", parallel);
            o.put("measured", measured);
            o.put("resources", n);
            o.put("baselinePutSeconds", putSeconds);
            o.put("baselinePutPerSecond", putRate());
            o.put("scanSeconds", scanSeconds);
            o.put("taskSeconds", taskSeconds);
            o.put("serverTaskSeconds", serverTaskSeconds);
            o.put("resourcesPerSecond", rate());
            o.put("ratioToBaselinePut", ratio());
            o.put("complianceLagSeconds", complianceLagSeconds);
            o.putObject("liveDetection").put("entriesQueued", detection.published()).put("entriesDropped", detection.dropped())
                    .put("pendingAtEnd", detection.pending());
            return o;
        }
    }

    private static final class Run {
        final Settings s;
        final ObjectNode result = Values.object();
        final StorageAccounts accounts;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ServerProcess server;

        Run(Settings s) {
            this.s = s;
            this.accounts = s.publicNetwork() ? StorageAccounts.asInRestExample() : StorageAccounts.closed();
        }

        void run() throws Exception {
            System.out.println("Rampart server remediation harness — " + Machine.oneLine());
            Machine.warnIfBusy();
            result.set("machine", Machine.describe());
            ObjectNode settings = result.putObject("settings");
            settings.put("resources", s.resources());
            ArrayNode ps = settings.putArray("parallelDeployments");
            Arrays.stream(s.parallel()).forEach(ps::add);
            settings.put("warmupRounds", s.warmup());
            settings.put("measuredRounds", s.rounds());
            settings.put("policy", "built-in 'Add a tag to resources' (Modify) at each task's resource group; tag costCenter = cc-42");
            settings.put("pollMillis", POLL.toMillis());
            settings.put("accounts", s.publicNetwork() ? "the rest example as it is: networkAcls.defaultAction Allow (live detection alerts on every write)"
                    : "the rest example with networkAcls.defaultAction Deny (no exposure alert)");
            try (ChildServer child = ChildServer.start(s.serverJar(), s.serverHeap(), "remediation-harness-admin-token-0123456789")) {
                child.describe(settings);
                result.put("serverStartSeconds", child.startSeconds());
                server = child.process();
                measure();
            }
        }

        void measure() throws Exception {
            require("PUT", SUBSCRIPTION + "?api-version=2022-12-01", "{\"displayName\":\"remediation bench\"}");
            ArrayNode all = result.putArray("tasks");
            List<Task> tasks = new ArrayList<>();
            for (int round = 0; round < s.warmup() + s.rounds(); round++) {
                boolean measured = round >= s.warmup();
                String label = measured ? "r" + (round - s.warmup() + 1) : "w" + (round + 1);
                int k = s.parallel().length;
                for (int j = 0; j < k; j++) {
                    // alternate the order so that neither level always runs first, on a fresher server
                    int parallel = s.parallel()[round % 2 == 0 ? j : k - 1 - j];
                    Task t = task(SUBSCRIPTION + "/resourceGroups/rem-" + label + "-pd" + parallel, parallel, measured);
                    tasks.add(t);
                    all.add(t.toJson());
                    System.out.printf(Locale.ROOT, "  %-7s pd %2d: PUT %,d in %.2f s (%,.0f/s); scan %.1f s; task %.2f s (server %.2f s) = %,.0f resources/s,"
                                    + " %.2f× the PUT rate (load average %.2f; live detection: %s)%n", measured ? "measured" : "warmup", parallel, t.n(),
                            t.putSeconds(), t.putRate(), t.scanSeconds(), t.taskSeconds(), t.serverTaskSeconds(), t.rate(), t.ratio(), Machine.loadAverage(),
                            t.detection());
                }
            }
            report(tasks.stream().filter(Task::measured).toList());
        }

        /** One task on {@code n} new non-compliant accounts in {@code group}; see the class comment. */
        Task task(String group, int parallel, boolean measured) throws IOException, InterruptedException {
            int n = s.resources();
            DetectionMeters detectionBefore = detection();
            require("PUT", group + "?api-version=2021-04-01", "{\"location\":\"eastus\"}");

            // (1) the baseline: the same bodies, one PUT after the other
            List<String> ids = new ArrayList<>(n);
            HttpRequest[] puts = new HttpRequest[n];
            for (int i = 0; i < n; i++) {
                String name = String.format(Locale.ROOT, "sa%05d", i);
                ids.add(group + "/providers/" + StorageAccounts.TYPE + "/" + name);
                puts[i] = server.request("PUT", StorageAccounts.path(group, name), accounts.body("eastus", "bench", "remediation", "n", Integer.toString(i)));
            }
            PutBurst burst = PutBurst.send(server, http, puts, 1);
            if (!burst.allOk()) {
                throw new Failure("the baseline PUTs in " + group + " answered " + burst.statuses() + "\nserver output:\n" + server.logTail());
            }

            // (2) the assignment with its identity and role, then every account NonCompliant
            String assignment = group + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
            JsonNode assigned = json(require("PUT", assignment + "?api-version=2023-04-01", "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},"
                    + "\"properties\":{\"displayName\":\"bench: add costCenter\",\"policyDefinitionId\":\"" + ADD_TAG + "\",\"parameters\":" + TAG_PARAMETERS + "}}"));
            String principal = assigned.path("identity").path("principalId").asText("");
            if (principal.isEmpty()) {
                throw new Failure("the assignment " + assignment + " has no identity.principalId: " + assigned);
            }
            require("PUT", group + "/providers/Microsoft.Authorization/roleAssignments/" + java.util.UUID.randomUUID() + "?api-version=2022-04-01",
                    "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + CONTRIBUTOR + "\",\"principalId\":\""
                            + principal + "\",\"principalType\":\"ServicePrincipal\"}}");
            long scanStart = System.nanoTime();
            RemediationCheck.Compliance before = waitFor(() -> compliance(group, assignment), c -> c.nonCompliant() == n && c.compliant() == 0,
                    "the compliance scan of " + group + " (" + n + " non-compliant accounts)");
            double scanSeconds = Passes.seconds(scanStart);

            // (3) the task, timed from its PUT to the final state the client sees
            String remediation = group + "/providers/Microsoft.PolicyInsights/remediations/bench-pd" + parallel;
            String body = "{\"properties\":{\"policyAssignmentId\":\"" + assignment + "\",\"parallelDeployments\":" + parallel
                    + ",\"resourceCount\":" + n + "}}";
            long t0 = System.nanoTime();
            ServerProcess.Answer created = server.call("PUT", remediation + REMEDIATION_API, body);
            if (created.status() != 201) {
                throw new Failure("PUT " + remediation + " answered " + created.status() + " (expected 201): " + created.body());
            }
            JsonNode done = waitFor(() -> json(require("GET", remediation + REMEDIATION_API, null)), RemediationCheck::isFinal, "the remediation " + remediation);
            double taskSeconds = Passes.seconds(t0);

            // a figure only for a task that did all its work
            List<String> problems = new ArrayList<>(RemediationCheck.task(done, n));
            problems.addAll(RemediationCheck.deployments(deployments(remediation), ids));
            if (!problems.isEmpty()) {
                throw new Failure("the remediation " + remediation + " (parallelDeployments " + parallel + ", " + n + " accounts, was " + before
                        + ") did not remediate every account:\n  - " + String.join("\n  - ", problems) + "\ntask: " + done);
            }
            // the engine records each account's new state before it reports the account done: 100% now, not eventually
            long c0 = System.nanoTime();
            RemediationCheck.Compliance after = compliance(group, assignment);
            double lag = 0;
            if (!after.allCompliant(n)) {
                System.out.printf(Locale.ROOT, "  WARNING: %s final, but the assignment's compliance is %s (%.1f%%); waiting%n", remediation, after, after.percent());
                after = waitFor(() -> compliance(group, assignment), c -> c.allCompliant(n), "100% compliance in " + group);
                lag = Passes.seconds(c0);
            }
            Instant createdOn = Instant.parse(done.path("properties").path("createdOn").asText());
            Instant lastUpdatedOn = Instant.parse(done.path("properties").path("lastUpdatedOn").asText());
            double serverSeconds = Duration.between(createdOn, lastUpdatedOn).toNanos() / 1e9;
            return new Task(group, parallel, measured, burst.seconds(), scanSeconds, taskSeconds, serverSeconds, lag, n, detection().since(detectionBefore));
        }

        /** Every listDeployments record, following nextLink. */
        List<JsonNode> deployments(String remediation) throws IOException, InterruptedException {
            List<JsonNode> out = new ArrayList<>();
            String next = remediation + "/listDeployments" + REMEDIATION_API;
            while (next != null) {
                JsonNode page = json(require("POST", next, null));
                page.path("value").forEach(out::add);
                String link = page.path("nextLink").asText(null);
                next = link == null ? null : link.substring(link.indexOf("/subscriptions/"));
            }
            return out;
        }

        DetectionMeters detection() throws IOException, InterruptedException {
            return DetectionMeters.parse(require("GET", "/metrics", null));
        }

        RemediationCheck.Compliance compliance(String scope, String assignment) throws IOException, InterruptedException {
            String filter = URLEncoder.encode("policyAssignmentId eq '" + assignment + "'", StandardCharsets.UTF_8).replace("+", "%20");
            return RemediationCheck.Compliance.of(json(require("POST", scope + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize"
                    + SUMMARIZE_API + "&$filter=" + filter, null)));
        }

        void report(List<Task> tasks) throws IOException {
            double baseline = Passes.median(tasks.stream().mapToDouble(Task::putRate).toArray());
            ObjectNode summary = result.putObject("results");
            summary.put("baselinePutPerSecond", baseline);
            ArrayNode rows = summary.putArray("remediation");
            Map<Integer, List<Task>> byParallel = new LinkedHashMap<>();
            Arrays.stream(s.parallel()).forEach(p -> byParallel.put(p, new ArrayList<>()));
            tasks.forEach(t -> byParallel.get(t.parallel()).add(t));

            System.out.println();
            System.out.printf(Locale.ROOT, "%,d storage accounts per task (a new resource group each), %d measured round(s) after %d warmup;"
                    + " server and client share the machine; load average %.2f at the end%n", s.resources(), s.rounds(), s.warmup(), Machine.loadAverage());
            System.out.println();
            System.out.printf(Locale.ROOT, "%-52s %14s  %s%n", "", "resources/s", "vs baseline PUT");
            System.out.printf(Locale.ROOT, "%-52s %14s  %s%n", "baseline: PUT the accounts one after the other", String.format(Locale.ROOT, "%,.1f", baseline), "1");
            for (Map.Entry<Integer, List<Task>> e : byParallel.entrySet()) {
                double rate = Passes.median(e.getValue().stream().mapToDouble(Task::rate).toArray());
                double ratio = Passes.median(e.getValue().stream().mapToDouble(Task::ratio).toArray());
                double serverRate = Passes.median(e.getValue().stream().mapToDouble(t -> t.n() / t.serverTaskSeconds()).toArray());
                rows.addObject().put("parallelDeployments", e.getKey()).put("resourcesPerSecond", rate).put("ratioToBaselinePut", ratio)
                        .put("serverResourcesPerSecond", serverRate).put("tasks", e.getValue().size());
                System.out.printf(Locale.ROOT, "%-52s %14s  %.2f×%n", "remediation task, parallelDeployments " + e.getKey(),
                        String.format(Locale.ROOT, "%,.1f", rate), ratio);
            }
            // a level against the first one, round by round (the two ran back to back on the same server)
            int k = s.parallel().length;
            int first = s.parallel()[0];
            for (int level : Arrays.stream(s.parallel()).skip(1).toArray()) {
                double[] r = new double[tasks.size() / k];
                for (int round = 0; round < r.length; round++) {
                    List<Task> these = tasks.subList(round * k, round * k + k);
                    r[round] = rateOf(these, level) / rateOf(these, first);
                }
                double speedup = Passes.median(r);
                summary.put("parallelDeployments" + level + "VsParallelDeployments" + first, speedup);
                System.out.printf(Locale.ROOT, "%-52s %14s  %.2f× (median over rounds)%n", "parallelDeployments " + level + " vs " + first, "", speedup);
            }
            System.out.println("(a task's rate: from its PUT to the final state seen by the client, polling every " + POLL.toMillis()
                    + " ms; the ratio: the median over tasks of the task's rate over the PUT rate measured just before it)");
            ((ObjectNode) result.get("machine")).put("loadAverage1mAtEnd", Machine.loadAverage());
            ResultFile.write(s.out(), result);
            System.out.println();
            System.out.println("wrote " + s.out().toAbsolutePath());
        }

        private static double rateOf(List<Task> round, int parallel) {
            return round.stream().filter(t -> t.parallel() == parallel).findFirst().orElseThrow().rate();
        }

        String require(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
            ServerProcess.Answer a = server.call(method, pathAndQuery, body);
            if (!a.ok()) {
                throw new Failure(method + " " + pathAndQuery + " answered " + a.status() + ": " + a.body());
            }
            return a.body();
        }

        static JsonNode json(String text) {
            return Json.read(text, "the server's answer");
        }

        interface Ask<T> {
            T get() throws IOException, InterruptedException;
        }

        /** Asks until {@code done}; a hang guard of {@code --timeout-minutes}, not a performance expectation. */
        <T> T waitFor(Ask<T> ask, Predicate<T> done, String what) throws IOException, InterruptedException {
            long deadline = System.nanoTime() + s.timeout().toNanos();
            T last = ask.get();
            while (!done.test(last)) {
                if (System.nanoTime() > deadline) {
                    throw new Failure(what + " did not get there in " + s.timeout().toMinutes() + " min; last answer: " + last);
                }
                Thread.sleep(POLL.toMillis());
                last = ask.get();
            }
            return last;
        }
    }
}
