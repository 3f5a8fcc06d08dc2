package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault test: a remediation of 200 resources run by child JVMs ({@link CrashChild}) that die
 * abruptly — halted at each kill point (after the claim is stored; after Deploying is stored but
 * before the write; after the write but before its result is stored; after the result but before
 * the counts), and once SIGKILLed from outside at an arbitrary moment — each restarted over the
 * same journal files. At the end every resource was written exactly once, every record says
 * Succeeded, and the task's counts agree.
 */
class CrashSafetyTest {

    @TempDir
    Path dir;

    @Test
    void aTaskKilledAtEveryKillPointResumesWithExactlyOnceRemediation() throws Exception {
        List<String> log = new ArrayList<>();
        String[][] kills = {{KillPoints.CLAIMED, "15"}, {KillPoints.DEPLOYING, "20"}, {KillPoints.ACTED, "25"}, {KillPoints.RECORDED, "30"},
                {KillPoints.ACTED, "1"}, {KillPoints.DEPLOYING, "1"}};
        for (String[] k : kills) {
            Process c = child(k[0], k[1]);
            assertThat(c.waitFor(120, TimeUnit.SECONDS)).as("child finished in time").isTrue();
            assertThat(c.exitValue()).as("the child halted at " + k[0] + "@" + k[1] + " (after " + log + ")").isEqualTo(137);
            log.add(k[0] + "@" + k[1]);
        }
        // An outside SIGKILL at an arbitrary moment: once the world has some new writes.
        int before = lines(dir.resolve("world.log"));
        Process p = child(null, null);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && lines(dir.resolve("world.log")) < before + 10 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(p.isAlive()).as("the child is still running when it is SIGKILLed").isTrue();
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(p.exitValue()).isEqualTo(137);
        // Then a clean run to the end.
        Process last = child(null, null);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as("final run " + log).isZero();

        JournalRemediationStore store = new JournalRemediationStore(dir.resolve("store.log"));
        FileWorld world = new FileWorld(dir.resolve("world.log"), CrashChild.initialResources(), CrashChild.hierarchy());
        RemediationTask task = store.task(CrashChild.REMEDIATION).orElseThrow();
        assertThat(task.state()).isEqualTo(ProvisioningState.Succeeded);
        assertThat(task.total()).isEqualTo(CrashChild.RESOURCES);
        assertThat(task.succeeded()).isEqualTo(CrashChild.RESOURCES);
        assertThat(task.failed()).isZero();
        List<WorkItem> items = store.items(CrashChild.REMEDIATION);
        assertThat(items).hasSize(CrashChild.RESOURCES).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(DeploymentState.Succeeded);
            assertThat(i.outcome()).isEqualTo("Modified");
            assertThat(i.complianceStateAfter()).isEqualTo("Compliant");
        });
        Map<ArmId, Integer> writes = world.writeCounts();
        assertThat(writes).hasSize(CrashChild.RESOURCES);
        assertThat(writes.values()).as("writes per resource").containsOnly(1);
        for (WorkItem i : items) {
            assertThat(world.get(i.resourceId()).get("tags").get("owner").asText()).isEqualTo("platform");
        }
    }

    private Process child(String point, String count) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1",
                CrashChild.class.getName(), dir.toString()));
        if (point != null) {
            cmd.add(point);
            cmd.add(count);
        }
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile().exists()
                ? ProcessBuilder.Redirect.appendTo(dir.resolve("child.out").toFile()) : ProcessBuilder.Redirect.to(new File(dir.toFile(), "child.out")))
                .start();
    }

    private static int lines(Path f) throws IOException {
        if (!Files.exists(f)) {
            return 0;
        }
        return (int) Files.readString(f).chars().filter(c -> c == '\n').count();
    }
}
