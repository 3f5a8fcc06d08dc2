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
import io.rampart.server.governance.PolicyStateRows;
import io.rampart.server.governance.StoreInventory;
import io.rampart.store.Store;
import io.rampart.template.TemplateEngine;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
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

    @Bean(destroyMethod = "close")
    RemediationRunner remediationRunner(Governance governance, Store store, StoreRemediationStore tasks, StoreInventory inventory,
                                        ResourceService resources, ResourceShapes shapes, ActivityRecorder activity, Rbac rbac, Clock clock,
                                        ServerSettings settings) {
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
        IdentityWriter deploymentWrites = new IdentityWriter(resources, store, shapes, activity, IdentityWriter.Mode.CREATE_OR_REPLACE);
        RemediationDeployments deployments = new RemediationDeployments(
                new TemplateDeploymentRunner(new TemplateEngine(clock), deploymentWrites, inventory, settings.tenantId()), rbac, store, activity, clock);
        PolicyStateSink states = (id, records) -> store.policyStates().replaceForResource(id.id(), PolicyStateRows.toStore(records));
        RemediationEngine engine = new RemediationEngine(new RemediationEngine.Services(governance, tasks, inventory,
                new StoredNonCompliance(store, governance), fixes, deployments, new RbacRoleLookup(rbac), states, workers, clock,
                SystemPropertyKillPoints.fromSystemProperties()));
        return new RemediationRunner(engine, tasks, workers, config.tasks(), config.queue());
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
