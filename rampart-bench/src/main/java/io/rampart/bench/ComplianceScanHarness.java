package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.bench.Passes.GcSnapshot;
import io.rampart.bench.Passes.Timing;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.scope.ArmId;
import io.rampart.library.BuiltInLibrary;
import io.rampart.library.CorpusScan;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.EvaluationEnvironment;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.Json;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * The compliance scan benchmark: the Microsoft cloud security benchmark initiative assigned at the
 * tenant root group of a generated estate ({@link ScanInventory}: 100,000 resources cut from the
 * rest-example bodies with distinct ids, across subscriptions and resource groups), scanned with
 * {@link Governance#evaluateScope(ArmId, io.rampart.governance.ResourceInventory, boolean)} — what
 * a compliance scan of the server runs — against two baselines measured round-robin in the same
 * run over the same resources:
 * <ul>
 *   <li><b>engine</b>: the policy engine's plain scan — every member of the initiative, bound to
 *       its defaults, {@code BoundPolicy.evaluate}d on every resource with a fixed environment (no
 *       assignments, applicability, related-resource lookups or state records);</li>
 *   <li><b>walk</b>: visiting every node of every resource once.</li>
 * </ul>
 * Reports resources/s and policy states/s, and governance's time as a multiple of each baseline.
 *
 * <pre>
 * java -Xms3g -Xmx3g -cp rampart-bench/target/benchmarks.jar io.rampart.bench.ComplianceScanHarness \
 *     [--resources 100000] [--subscriptions 10] [--groups 20] [--warmup 1] [--passes 3] [--explain] [--out FILE]
 * </pre>
 */
public final class ComplianceScanHarness {

    static final String MCSB_SET_ID = "/providers/Microsoft.Authorization/policySetDefinitions/" + Fixtures.MCSB;
    private static final SystemData.Caller CALLER = new SystemData.Caller("bench", "User");

    private ComplianceScanHarness() {
    }

    public static void main(String[] args) throws Exception {
        int resources = 100_000;
        int subscriptions = 10;
        int groups = 20;
        int warmup = 1;
        int passes = 3;
        boolean explain = false;
        Path out = Path.of("target", "bench", "compliance-scan.json");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--resources" -> resources = Integer.parseInt(args[++i]);
                case "--subscriptions" -> subscriptions = Integer.parseInt(args[++i]);
                case "--groups" -> groups = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--explain" -> explain = true;
                case "--out" -> out = Path.of(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: ComplianceScanHarness [--resources N] [--subscriptions N] [--groups N per subscription]"
                            + " [--warmup N] [--passes N] [--explain] [--out FILE]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + args[i] + " (try --help)");
            }
        }
        if (resources < 1 || subscriptions < 1 || groups < 1 || passes < 1 || warmup < 0) {
            throw new IllegalArgumentException("need --resources, --subscriptions, --groups, --passes >= 1 and --warmup >= 0");
        }
        run(resources, subscriptions, groups, warmup, passes, explain, out);
    }

    private static void run(int count, int subscriptions, int groups, int warmup, int passes, boolean explain, Path out) throws Exception {
        System.out.println("Rampart compliance scan benchmark — " + Machine.oneLine());
        Machine.warnIfBusy();
        ObjectNode result = Values.object();
        result.set("machine", Machine.describe());
        ObjectNode settings = result.putObject("settings");
        settings.put("initiative", "Microsoft cloud security benchmark (" + Fixtures.MCSB + ")");
        settings.put("assignedAt", "tenant root group");
        settings.put("resources", count);
        settings.put("subscriptions", subscriptions);
        settings.put("resourceGroupsPerSubscription", groups);
        settings.put("warmupPasses", warmup);
        settings.put("measuredPasses", passes);
        settings.put("explain", explain);
        settings.put("figure", "median of the measured passes; phases round-robin, ratios = median of per-round ratios");

        long t = System.nanoTime();
        BuiltInLibrary lib = BuiltInLibrary.load();
        CorpusScan.Resources examples = CorpusScan.readResources(Shared.restExamples());
        double load = Passes.seconds(t);
        t = System.nanoTime();
        ScanInventory inventory = new ScanInventory(examples.all(), count, subscriptions, groups);
        List<JsonNode> everything = inventory.everything();
        double generate = Passes.seconds(t);
        int n = everything.size();
        System.out.printf(Locale.ROOT, "estate: %,d resources (%,d types, cut from %,d rest-example bodies) + %,d subscriptions and resource groups"
                + " = %,d to scan; library + examples %.1f s, generating %.1f s%n", count, inventory.types(), inventory.distinctSources(),
                inventory.containers(), n, load, generate);

        Clock clock = Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC);
        Governance gov = new Governance(lib, DefinitionSource.NONE, inventory.hierarchy(), clock);
        ArmId assignmentId = ArmId.parse(inventory.rootGroup().id() + "/providers/Microsoft.Authorization/policyAssignments/mcsb");
        t = System.nanoTime();
        ArmResult<PolicyAssignment> assigned = gov.putAssignment(assignmentId,
                Json.read("{\"properties\":{\"displayName\":\"MCSB\",\"policyDefinitionId\":\"" + MCSB_SET_ID + "\"}}", "assignment"), CALLER);
        if (assigned.error() != null) {
            throw new IllegalStateException("assigning MCSB failed: " + assigned.error().toJson());
        }
        double assign = Passes.seconds(t);
        Fixtures.Initiative initiative = Fixtures.initiative(lib, Fixtures.engine(lib), Fixtures.MCSB);
        List<BoundPolicy> members = initiative.members();
        System.out.printf(Locale.ROOT, "MCSB assigned at the tenant root group in %.2f s; the engine baseline binds its %d members to their defaults%n",
                assign, members.size());
        ArmId root = inventory.rootGroup();
        EvaluationEnvironment env = Fixtures.environment();
        ArmId scope = root;
        boolean withDetails = explain;

        GcSnapshot gcBefore = GcSnapshot.now();
        Timing[] timings = new Passes(warmup, passes).measureTogether(
                new String[]{"baseline: walk every resource", "baseline: engine scan (members × resources)",
                        "governance evaluateScope" + (explain ? " (explain)" : "")},
                new LongSupplier[]{
                        () -> {
                            long h = 0;
                            for (JsonNode r : everything) {
                                h += Fixtures.walk(r);
                            }
                            return h;
                        },
                        () -> engineScan(members, everything, env, null),
                        () -> gov.evaluateScope(scope, inventory, withDetails).size()});
        GcSnapshot gc = GcSnapshot.now().minus(gcBefore);
        Timing walk = timings[0];
        Timing engine = timings[1];
        Timing governance = timings[2];

        // outcomes, untimed
        Map<String, Long> engineStates = new TreeMap<>();
        long engineCount = engineScan(members, everything, env, engineStates);
        List<PolicyStateRecord> records = gov.evaluateScope(scope, inventory, withDetails);
        Map<String, Long> governanceStates = new TreeMap<>();
        for (PolicyStateRecord r : records) {
            governanceStates.merge(r.complianceState(), 1L, Long::sum);
        }
        long states = records.size();

        List<String[]> table = new ArrayList<>();
        table.add(row("baseline: walk every resource", walk, n, 0, "1× (floor)"));
        table.add(row("baseline: engine scan", engine, n, engineCount, String.format(Locale.ROOT, "%.1f× walk", Passes.ratio(engine, walk))));
        table.add(row("governance evaluateScope" + (explain ? " (explain)" : ""), governance, n, states,
                String.format(Locale.ROOT, "%.2f× engine scan, %.1f× walk", Passes.ratio(governance, engine), Passes.ratio(governance, walk))));
        System.out.println();
        System.out.printf(Locale.ROOT, "MCSB (%d members) over %,d resources + %,d containers; median of %d measured passes after 1 cold + %d warmup%n%n",
                members.size(), count, inventory.containers(), passes, warmup);
        System.out.printf(Locale.ROOT, "%-34s %9s %14s %14s  %s%n", "phase", "seconds", "resources/s", "states/s", "ratio");
        for (String[] r : table) {
            System.out.printf(Locale.ROOT, "%-34s %9s %14s %14s  %s%n", (Object[]) r);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "governance: %,d policy states %s; engine: %,d applicable member results %s%n", states, governanceStates,
                engineCount, engineStates);
        System.out.printf(Locale.ROOT, "per resource: governance %.1f µs, engine %.1f µs, walk %.2f µs; GC during the phases: %d collections, %.2f s%n",
                governance.median() * 1e6 / n, engine.median() * 1e6 / n, walk.median() * 1e6 / n, gc.count(), gc.seconds());

        ObjectNode estate = result.putObject("estate");
        estate.put("resources", count);
        estate.put("types", inventory.types());
        estate.put("distinctRestExampleBodies", inventory.distinctSources());
        estate.put("subscriptionsAndResourceGroups", inventory.containers());
        estate.put("scanned", n);
        estate.put("initiativeMembers", members.size());
        result.put("loadSeconds", load);
        result.put("generateSeconds", generate);
        result.put("assignSeconds", assign);
        walk.toJson(result.putObject("walk"), n, "resourcesPerSecond");
        engine.toJson(result.putObject("engineScan"), n, "resourcesPerSecond").put("applicableResults", engineCount)
                .put("resultsPerSecond", engineCount / engine.median());
        ObjectNode g = governance.toJson(result.putObject("governanceScan"), n, "resourcesPerSecond");
        g.put("states", states);
        g.put("statesPerSecond", states / governance.median());
        ObjectNode ratios = result.putObject("ratios");
        ratios.put("governanceVsEngineScan", Passes.ratio(governance, engine));
        ratios.put("governanceVsWalk", Passes.ratio(governance, walk));
        ratios.put("engineScanVsWalk", Passes.ratio(engine, walk));
        ObjectNode gs = result.putObject("governanceStates");
        governanceStates.forEach(gs::put);
        ObjectNode es = result.putObject("engineResults");
        engineStates.forEach(es::put);
        ArrayNode skipped = result.putArray("engineBaselineWarnings");
        initiative.skipped().forEach(skipped::add);
        result.put("gcCollections", gc.count());
        result.put("gcSeconds", gc.seconds());
        ((ObjectNode) result.get("machine")).put("loadAverage1mAtEnd", Machine.loadAverage());
        ResultFile.write(out, result);
        System.out.println("wrote " + out.toAbsolutePath());
    }

    /**
     * Every member on every resource; returns the results governance would record — applicable
     * (the rule's type/name/kind checks pass) and not NotApplicable — tallied by state when asked.
     */
    private static long engineScan(List<BoundPolicy> members, List<JsonNode> resources, EvaluationEnvironment env, Map<String, Long> byState) {
        long applicable = 0;
        for (JsonNode r : resources) {
            for (BoundPolicy p : members) {
                EvaluationResult e = p.evaluate(r, env, false);
                if (e.applicable() && e.complianceState() != ComplianceState.NOT_APPLICABLE) {
                    applicable++;
                    if (byState != null) {
                        byState.merge(e.complianceState().displayName(), 1L, Long::sum);
                    }
                }
            }
        }
        return applicable;
    }

    private static String[] row(String phase, Timing t, int resources, long states, String ratio) {
        return new String[]{phase, String.format(Locale.ROOT, "%.3f", t.median()), String.format(Locale.ROOT, "%,.0f", resources / t.median()),
                states == 0 ? "" : String.format(Locale.ROOT, "%,.0f", states / t.median()), ratio};
    }
}
