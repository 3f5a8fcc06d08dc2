package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;
import io.rampart.remediation.DeploymentRunner;
import io.rampart.remediation.InMemoryRemediationStore;
import io.rampart.remediation.KillPoints;
import io.rampart.remediation.PolicyStateSink;
import io.rampart.remediation.RemediationEngine;
import io.rampart.remediation.RemediationTask;
import io.rampart.remediation.ResourceWriter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * Remediation throughput: resources remediated per second by a Modify remediation task (the
 * built-in "Add a tag to resources") over the in-memory store and a simulated writer, at
 * parallelDeployments 1 and 10, with a writer that answers at once and one that takes
 * {@code --write-latency-ms} per write (a stand-in for the server's store round trip). Printed
 * next to a baseline measured in the same run: deciding each resource's remediation alone
 * ({@code Governance.remediationAction}, i.e. evaluation + mutation, no store, no writes).
 *
 * <p>Usage: {@code RemediationHarness [--resources N] [--write-latency-ms MS] [--passes P] [--out FILE]}
 */
public final class RemediationHarness {

    private static final String SUB = "/subscriptions/00000000-0000-0000-0000-0000000000bb";
    private static final ArmId ASSIGNMENT = ArmId.parse(SUB + "/providers/Microsoft.Authorization/policyAssignments/add-owner");

    public static void main(String[] args) throws Exception {
        int resources = 2000;
        int latencyMs = 2;
        int passes = 3;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--resources" -> resources = Integer.parseInt(args[++i]);
                case "--write-latency-ms" -> latencyMs = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Machine.warnIfBusy();
        BuiltInLibrary library = BuiltInLibrary.load();
        System.out.println("remediation harness: " + resources + " storage accounts, Modify 'Add a tag to resources', " + passes
                + " measured passes (best shown), " + Machine.oneLine());
        ObjectNode report = Values.object();
        report.set("machine", Machine.describe());
        ArrayNode rows = report.putArray("results");

        // warm-up and baseline: decide every resource's remediation, nothing written
        double baseline = 0;
        for (int p = 0; p < passes + 1; p++) {
            Setup s = new Setup(library, resources, 0);
            long t0 = System.nanoTime();
            for (ArmId id : s.ids) {
                s.gov.remediationAction(ASSIGNMENT, null, id, s.world.get(id), s.world);
            }
            double rate = resources / ((System.nanoTime() - t0) / 1e9);
            baseline = p == 0 ? 0 : Math.max(baseline, rate);
        }
        System.out.printf("%-46s %10.0f resources/s%n", "baseline: decide only (evaluate + mutate)", baseline);
        rows.addObject().put("name", "baseline-decide").put("resourcesPerSecond", baseline);

        for (int latency : new int[]{0, latencyMs}) {
            for (int parallel : new int[]{1, 10}) {
                double best = 0;
                for (int p = 0; p < passes + 1; p++) {
                    Setup s = new Setup(library, resources, latency);
                    ExecutorService pool = Executors.newFixedThreadPool(parallel);
                    RemediationEngine engine = s.engine(pool);
                    ArmId rid = ArmId.parse(SUB + "/providers/Microsoft.PolicyInsights/remediations/bench" + p);
                    engine.create(rid, Json.read("{\"properties\":{\"policyAssignmentId\":\"" + ASSIGNMENT.id() + "\",\"parallelDeployments\":"
                            + parallel + ",\"resourceCount\":" + resources + ",\"resourceDiscoveryMode\":\"ReEvaluateCompliance\"}}", "body"));
                    long t0 = System.nanoTime();
                    RemediationTask t = engine.run(rid);
                    double rate = resources / ((System.nanoTime() - t0) / 1e9);
                    pool.shutdown();
                    if (t.succeeded() != resources) {
                        throw new IllegalStateException("the task did not remediate every resource: " + t.toJson());
                    }
                    best = p == 0 ? 0 : Math.max(best, rate);
                }
                String name = "task, parallelDeployments " + parallel + ", write " + latency + " ms";
                System.out.printf("%-46s %10.0f resources/s  = %.3f x baseline%n", name, best, best / baseline);
                rows.addObject().put("name", name).put("parallelDeployments", parallel).put("writeLatencyMs", latency)
                        .put("resourcesPerSecond", best).put("ratioToBaseline", best / baseline);
            }
        }
        System.out.println("(a task's rate includes discovery by re-evaluation, the store's writes per resource, the write, and "
                + "re-evaluating the resource's compliance afterwards)");
        if (out != null) {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toPrettyString());
        }
    }

    /** A governance core with the assignment, and a world of resources missing the tag. */
    private static final class Setup {
        final Governance gov;
        final World world;
        final List<ArmId> ids = new ArrayList<>();

        Setup(BuiltInLibrary library, int n, int latencyMs) throws IOException {
            Hierarchy h = Hierarchy.builder("t").subscription(SUB.substring(SUB.lastIndexOf('/') + 1), null).build();
            gov = new Governance(library, DefinitionSource.NONE, h, Clock.systemUTC());
            var a = gov.putAssignment(ASSIGNMENT, Json.read("""
                    {"identity": {"type": "SystemAssigned"}, "location": "eastus", "properties": {
                      "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26",
                      "parameters": {"tagName": {"value": "owner"}, "tagValue": {"value": "platform"}}}}""", "a"), SystemData.Caller.SYSTEM);
            if (!a.isOk()) {
                throw new IllegalStateException(a.error().toJson().toString());
            }
            world = new World(h, latencyMs);
            for (int i = 0; i < n; i++) {
                ArmId id = ArmId.parse(SUB + "/resourceGroups/rg" + (i % 10) + "/providers/Microsoft.Storage/storageAccounts/sa" + i);
                ids.add(id);
                world.resources.put(id, Json.read("{\"id\":\"" + id.id() + "\",\"name\":\"sa" + i + "\",\"type\":\"Microsoft.Storage/storageAccounts\","
                        + "\"location\":\"eastus\",\"tags\":{\"env\":\"prod\"},\"properties\":{\"supportsHttpsTrafficOnly\":true}}", "r"));
            }
        }

        RemediationEngine engine(ExecutorService pool) {
            DeploymentRunner none = new DeploymentRunner() {
                @Override
                public DeploymentResult deploy(DeploymentCommand command) {
                    return new DeploymentResult.Failed("NotSupported", "the harness runs Modify only");
                }

                @Override
                public Optional<DeploymentResult> recorded(String idempotencyKey) {
                    return Optional.empty();
                }
            };
            return new RemediationEngine(new RemediationEngine.Services(gov, new InMemoryRemediationStore(), world, (x, y, z) -> List.of(), world,
                    none, RoleAssignmentLookup.ALLOW_ALL, PolicyStateSink.NONE, pool, Clock.systemUTC(), KillPoints.NONE));
        }
    }

    /** Resources in memory; a writer that records its key with the write, after a simulated store latency. */
    private static final class World implements ResourceInventory, ResourceWriter {
        final Map<ArmId, JsonNode> resources = new ConcurrentHashMap<>();
        final Map<String, WriteResult> keys = new ConcurrentHashMap<>();
        private final Hierarchy h;
        private final long latencyNanos;

        World(Hierarchy h, int latencyMs) {
            this.h = h;
            this.latencyNanos = latencyMs * 1_000_000L;
        }

        @Override
        public JsonNode get(ArmId id) {
            return resources.get(id);
        }

        @Override
        public List<JsonNode> resourcesUnder(ArmId scope) {
            List<JsonNode> out = new ArrayList<>();
            resources.forEach((id, r) -> {
                if (h.covers(scope, id)) {
                    out.add(r);
                }
            });
            return out;
        }

        @Override
        public List<JsonNode> resourcesOfType(ArmId scope, String type) {
            return resourcesUnder(scope).stream().filter(r -> type.equalsIgnoreCase(r.get("type").asText())).toList();
        }

        @Override
        public WriteResult write(ArmId id, JsonNode body, ManagedIdentity identity, String key) {
            if (latencyNanos > 0) {
                LockSupport.parkNanos(latencyNanos);
            }
            resources.put(id, body);
            WriteResult r = new WriteResult.Written(body);
            keys.put(key, r);
            return r;
        }

        @Override
        public Optional<WriteResult> recorded(String key) {
            return Optional.ofNullable(keys.get(key));
        }
    }
}
