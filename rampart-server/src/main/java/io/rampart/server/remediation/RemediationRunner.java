package io.rampart.server.remediation;

import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.RemediationEngine;
import io.rampart.remediation.RemediationTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs remediation tasks in the background: each task on one of a few task threads (bounded
 * queue), its resources on the engine's bounded worker pool (at most parallelDeployments of one
 * task at a time). A task is never queued twice. At start, every task a crash or a stop left
 * unfinished is queued again ({@link #resume}): the engine picks up where the store says it was.
 */
public final class RemediationRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RemediationRunner.class);

    private final RemediationEngine engine;
    private final StoreRemediationStore store;
    private final ThreadPoolExecutor tasks;
    private final ExecutorService workers;
    private final Set<ArmId> queued = ConcurrentHashMap.newKeySet();

    /**
     * @param workers the pool the engine runs resources on (closed with this runner)
     * @param taskThreads how many tasks run at once; @param queueCapacity how many more may wait
     */
    public RemediationRunner(RemediationEngine engine, StoreRemediationStore store, ExecutorService workers, int taskThreads, int queueCapacity) {
        this.engine = engine;
        this.store = store;
        this.workers = workers;
        AtomicInteger n = new AtomicInteger();
        this.tasks = new ThreadPoolExecutor(taskThreads, taskThreads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queueCapacity), r -> {
            Thread t = new Thread(r, "rampart-remediation-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public RemediationEngine engine() {
        return engine;
    }

    /** Whether another task can be queued now. */
    public boolean hasRoom() {
        return tasks.getQueue().remainingCapacity() > 0;
    }

    /** Queues a task to run to its end (no-op when it is queued or running already). False when the queue is full. */
    public boolean submit(ArmId id) {
        if (!queued.add(id)) {
            return true;
        }
        try {
            tasks.execute(() -> {
                try {
                    RemediationTask end = engine.run(id);
                    LOG.info("remediation {}: {} ({} succeeded, {} failed of {})", id, end.state(), end.succeeded(), end.failed(), end.total());
                } catch (RuntimeException e) {
                    // a defect, or the task was deleted meanwhile: the store keeps what was done; a restart resumes what is unfinished
                    LOG.warn("remediation {} stopped: {}", id, e.toString());
                } finally {
                    queued.remove(id);
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            queued.remove(id);
            return false;
        }
    }

    /** At start: queues every unfinished task (the engine's resumeAll, one task per job). The ids queued. */
    public List<ArmId> resume() {
        List<ArmId> ids = store.unfinished().stream().map(RemediationTask::id).toList();
        ids.forEach(id -> {
            if (!submit(id)) {
                LOG.warn("remediation {} not resumed now: the task queue is full; it resumes at the next start", id);
            }
        });
        if (!ids.isEmpty()) {
            LOG.info("resuming {} unfinished remediation task(s)", ids.size());
        }
        return ids;
    }

    /** Whether no task is queued or running (tests). */
    public boolean idle() {
        return queued.isEmpty();
    }

    @Override
    public void close() {
        tasks.shutdownNow();
        workers.shutdownNow();
        try {
            tasks.awaitTermination(5, TimeUnit.SECONDS);
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
