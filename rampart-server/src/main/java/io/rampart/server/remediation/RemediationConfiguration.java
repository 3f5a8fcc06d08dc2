package io.rampart.server.remediation;

import io.rampart.governance.Governance;
import io.rampart.remediation.PolicyStateSink;
import io.rampart.remediation.RemediationEngine;
import io.rampart.remediation.TemplateDeploymentRunner;
import io.rampart.server.ServerSettings;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.ResourceService;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.governance.GovernanceCompliance;
import io.rampart.server.governance.PolicyStateRows;
import io.rampart.server.governance.StoreInventory;
import io.rampart.store.Store;
import io.rampart.template.TemplateEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Remediation tasks wired into the server: rampart-remediation's engine over the server's store
 * ({@link StoreRemediationStore}), its real write path as the assignment's identity
 * ({@link IdentityWriter}), DeployIfNotExists deployments through the template engine
 * ({@link RemediationDeployments}), the stored policy states (discovery and the states after each
 * remediation) and RBAC's role assignments. Only with policy on (remediation is policy's).
 */
@Configuration
@ConditionalOnProperty(name = "rampart.policy.enabled", havingValue = "true", matchIfMissing = true)
public class RemediationConfiguration {

    @Bean
    StoreRemediationStore storeRemediationStore(Store store) {
        return new StoreRemediationStore(store);
    }

    /** DeployIfNotExists deployments as an assignment's identity: remediation tasks' and those after a write. */
    @Bean
    RemediationDeployments remediationDeployments(Store store, StoreInventory inventory, ResourceService resources, ResourceShapes shapes,
                                                  ActivityRecorder activity, Rbac rbac, Clock clock, ServerSettings settings) {
        IdentityWriter deploymentWrites = new IdentityWriter(resources, store, shapes, activity, IdentityWriter.Mode.CREATE_OR_REPLACE);
        return new RemediationDeployments(new TemplateDeploymentRunner(new TemplateEngine(clock), deploymentWrites, inventory, settings.tenantId()),
                rbac, store, activity, clock);
    }

    @Bean(destroyMethod = "close")
    RemediationRunner remediationRunner(Governance governance, Store store, StoreRemediationStore tasks, StoreInventory inventory,
                                        ResourceService resources, ResourceShapes shapes, ActivityRecorder activity, Rbac rbac, Clock clock,
                                        ServerSettings settings, RemediationDeployments deployments) {
        ServerSettings.Remediation config = settings.remediation();
        AtomicInteger n = new AtomicInteger();
        // bounded: each task queues at most parallelDeployments (≤ 30) workers; beyond the queue TaskRun works on its own thread
        ThreadPoolExecutor workers = new ThreadPoolExecutor(config.workers(), config.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(64, config.tasks() * 30)), r -> {
            Thread t = new Thread(r, "rampart-remediation-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        IdentityWriter fixes = new IdentityWriter(resources, store, shapes, activity, IdentityWriter.Mode.EXISTING_ONLY);
        RemediationEngine engine = new RemediationEngine(new RemediationEngine.Services(governance, tasks, inventory,
                new StoredNonCompliance(store, governance), fixes, deployments, new RbacRoleLookup(rbac), states(store), workers, clock,
                SystemPropertyKillPoints.fromSystemProperties()));
        return new RemediationRunner(engine, tasks, workers, config.tasks(), config.queue());
    }

    /** The states re-evaluated after a remediation or an after-write deployment, stored as the resource's latest. */
    private static PolicyStateSink states(Store store) {
        return (id, records) -> store.policyStates().replaceForResource(id.id(), PolicyStateRows.toStore(records));
    }

    /** DeployIfNotExists (and delayed AuditIfNotExists) after each committed write, on one scheduler thread of its own. */
    @Bean(destroyMethod = "close")
    AfterWriteDeployments afterWriteDeployments(Governance governance, Store store, StoreInventory inventory, RemediationDeployments deployments,
                                                Rbac rbac, GovernanceCompliance compliance) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "rampart-after-write");
            t.setDaemon(true);
            return t;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        AfterWriteDeployments after = new AfterWriteDeployments(governance, store, inventory, deployments, new RbacRoleLookup(rbac), states(store),
                scheduler);
        compliance.onResourceWritten(after::written);
        return after;
    }

    @Bean
    RemediationsApi remediationsApi(RemediationRunner runner, StoreRemediationStore tasks, Store store, Governance governance, Rbac rbac,
                                    ServerSettings settings, ActivityRecorder activity) {
        return new RemediationsApi(runner, tasks, store, governance, rbac, settings.pageSize(), activity);
    }

    /** Resumes what a crash or a stop left unfinished once the server has started (policy is in force by then). */
    @Bean
    io.rampart.server.StartupTask resumeRemediations(RemediationRunner runner) {
        return runner::resume;
    }
}
