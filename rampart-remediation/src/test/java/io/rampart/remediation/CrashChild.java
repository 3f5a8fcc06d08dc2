package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.Json;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The "server" of the crash test, run as a child JVM: replays the assignment, opens the
 * file-backed store and world in DIR, creates the remediation of {@link #RESOURCES} storage
 * accounts if it doesn't exist yet, and runs (or resumes) it. With a kill point and a count it
 * halts the JVM abruptly (no shutdown hooks, no finally blocks: what SIGKILL does to the process)
 * the count-th time any worker reaches that point.
 *
 * <p>Arguments: DIR [POINT COUNT]. Exit code 0 when the task ended, 137 when killed.
 */
public final class CrashChild {

    static final int RESOURCES = 200;
    static final String SUB = "/subscriptions/00000000-0000-0000-0000-000000000002";
    static final ArmId REMEDIATION = ArmId.parse(SUB + "/providers/Microsoft.PolicyInsights/remediations/crash");
    static final ArmId ASSIGNMENT = ArmId.parse(SUB + "/providers/Microsoft.Authorization/policyAssignments/add-owner");

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String point = args.length > 1 ? args[1] : null;
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Hierarchy h = hierarchy();
        Clock clock = Clock.systemUTC();
        Governance gov = new Governance(BuiltInLibrary.load(), DefinitionSource.NONE, h, clock);
        var a = gov.putAssignment(ASSIGNMENT, Json.read("""
                {"identity": {"type": "SystemAssigned"}, "location": "eastus", "properties": {
                  "policyDefinitionId": "/providers/Microsoft.Authorization/policyDefinitions/4f9dc7db-30c1-420c-b61a-e1d640128d26",
                  "parameters": {"tagName": {"value": "owner"}, "tagValue": {"value": "platform"}}}}""", "assignment"), SystemData.Caller.SYSTEM);
        if (!a.isOk()) {
            throw new IllegalStateException(a.error().toJson().toString());
        }
        FileWorld world = new FileWorld(dir.resolve("world.log"), initialResources(), h);
        JournalRemediationStore store = new JournalRemediationStore(dir.resolve("store.log"));
        AtomicInteger reached = new AtomicInteger();
        KillPoints kill = p -> {
            if (p.equals(point) && reached.incrementAndGet() == count) {
                Runtime.getRuntime().halt(137);
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(10);
        NonCompliantSource source = (assignment, ref, scope) -> gov.evaluateScope(scope, world, false).stream()
                .filter(r -> r.complianceState().equals("NonCompliant")).map(r -> ArmId.parse(r.resourceId())).distinct().toList();
        RemediationEngine engine = new RemediationEngine(new RemediationEngine.Services(gov, store, world, source, world,
                new TemplateDeploymentRunner(new io.rampart.template.TemplateEngine(clock), world, world, "t"), RoleAssignmentLookup.ALLOW_ALL,
                PolicyStateSink.NONE, pool, clock, kill));
        if (store.task(REMEDIATION).isEmpty()) {
            var created = engine.create(REMEDIATION, Json.read("{\"properties\": {\"policyAssignmentId\": \"" + ASSIGNMENT.id()
                    + "\", \"parallelDeployments\": 10, \"resourceCount\": 1000}}", "remediation"));
            if (!created.isOk()) {
                throw new IllegalStateException(created.error().toJson().toString());
            }
        }
        engine.resumeAll();
        pool.shutdown();
        System.exit(0);
    }

    static Hierarchy hierarchy() {
        return Hierarchy.builder("t").subscription(SUB.substring(SUB.lastIndexOf('/') + 1), null).build();
    }

    static List<JsonNode> initialResources() {
        List<JsonNode> out = new ArrayList<>();
        out.add(Json.read("{\"id\":\"" + SUB + "/resourceGroups/rg\",\"type\":\"Microsoft.Resources/resourceGroups\",\"name\":\"rg\",\"location\":\"eastus\"}", "rg"));
        for (int i = 0; i < RESOURCES; i++) {
            String name = String.format("sa%03d", i);
            out.add(Json.read("{\"id\":\"" + SUB + "/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/" + name + "\",\"name\":\"" + name
                    + "\",\"type\":\"Microsoft.Storage/storageAccounts\",\"location\":\"eastus\",\"tags\":{},\"properties\":{}}", name));
        }
        return out;
    }
}
