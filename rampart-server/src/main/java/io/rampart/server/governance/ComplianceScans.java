package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.Governance;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.compliance.summary.ComplianceRate;
import io.rampart.governance.compliance.summary.StateRank;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Background compliance scans (triggerEvaluation, a new or changed assignment, a moved
 * subscription, the start of the server): one at a time, in the order asked; a scan of a scope
 * already waiting is not queued twice. A scan reads the resources under its scope once, evaluates
 * each against everything in force and replaces its policy states, in batches of one transaction
 * each; a resource written since the scan read it is left alone (its write recorded fresher
 * states). Progress is in {@link Scan}, the rampart_scan_* gauges and the log.
 */
public final class ComplianceScans implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ComplianceScans.class);
    private static final int BATCH = 50;
    private static final int KEEP = 200;

    public enum Status { NotStarted, InProgress, Succeeded, Failed }

    /** One scan and its progress. */
    public static final class Scan {
        private final String id;
        private final ArmId scope;
        private final String reason;
        private final Instant requested;
        private volatile Status status = Status.NotStarted;
        private volatile long total = -1;
        private volatile long done;
        private volatile Instant started;
        private volatile Instant ended;
        private volatile String error;

        Scan(String id, ArmId scope, String reason, Instant requested) {
            this.id = id;
            this.scope = scope;
            this.reason = reason;
            this.requested = requested;
        }

        public String id() {
            return id;
        }

        public ArmId scope() {
            return scope;
        }

        public String reason() {
            return reason;
        }

        public Status status() {
            return status;
        }

        public long total() {
            return total;
        }

        public long done() {
            return done;
        }

        public Instant requested() {
            return requested;
        }

        public Instant started() {
            return started;
        }

        public Instant ended() {
            return ended;
        }

        public String error() {
            return error;
        }

        public boolean finished() {
            return status == Status.Succeeded || status == Status.Failed;
        }
    }

    private final Governance governance;
    private final Store store;
    private final StoreInventory inventory;
    private final RampartMetrics metrics;
    private final Clock clock;
    private final Executor executor;
    private final Map<String, Scan> scans = new LinkedHashMap<>();

    /** Scans in a background thread of their own, one at a time. */
    public ComplianceScans(Governance governance, Store store, StoreInventory inventory, RampartMetrics metrics, Clock clock) {
        this(governance, store, inventory, metrics, clock, Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "rampart-compliance-scan");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Scans run by {@code executor} (tests run them when they choose). */
    public ComplianceScans(Governance governance, Store store, StoreInventory inventory, RampartMetrics metrics, Clock clock, Executor executor) {
        this.governance = governance;
        this.store = store;
        this.inventory = inventory;
        this.metrics = metrics;
        this.clock = clock;
        this.executor = executor;
    }

    /** Queues a scan of {@code scope} (or returns the one already waiting for it). */
    public synchronized Scan start(ArmId scope, String reason) {
        for (Scan s : scans.values()) {
            if (s.status == Status.NotStarted && s.scope.equals(scope)) {
                return s;
            }
        }
        Scan scan = new Scan(UUID.randomUUID().toString(), scope, reason, clock.instant());
        scans.put(scan.id, scan);
        while (scans.size() > KEEP) {
            String oldest = scans.keySet().iterator().next();
            if (!scans.get(oldest).finished()) {
                break;
            }
            scans.remove(oldest);
        }
        executor.execute(() -> run(scan));
        return scan;
    }

    public synchronized Optional<Scan> get(String id) {
        return Optional.ofNullable(scans.get(id));
    }

    /** Whether no scan is waiting or running. */
    public synchronized boolean idle() {
        return scans.values().stream().allMatch(Scan::finished);
    }

    private void run(Scan scan) {
        scan.started = clock.instant();
        scan.status = Status.InProgress;
        long t0 = System.nanoTime();
        try {
            Instant snapshotAt = clock.instant();
            SnapshotInventory snapshot = SnapshotInventory.load(scan.scope, inventory, governance.state().hierarchy());
            List<JsonNode> resources = snapshot.evaluated();
            scan.total = resources.size();
            metrics.scanStarted(resources.size());
            LOG.info("compliance scan {} of {} ({}): {} resources", scan.id, scan.scope, scan.reason, resources.size());
            long nextLog = Math.max(1, resources.size() / 10);
            long states = 0;
            List<PolicyStateRecord> worstPerResource = new ArrayList<>();
            for (int from = 0; from < resources.size(); from += BATCH) {
                List<JsonNode> batch = resources.subList(from, Math.min(resources.size(), from + BATCH));
                Map<String, List<PolicyStateRecord>> evaluated = new LinkedHashMap<>();
                for (JsonNode r : batch) {
                    String id = r.path("id").asText();
                    evaluated.put(id, governance.evaluateResource(ArmId.parse(id), r, snapshot));
                }
                states += evaluated.values().stream().mapToLong(List::size).sum();
                evaluated.values().forEach(rs -> rs.stream().min(java.util.Comparator.comparingInt(r -> StateRank.rank(r.complianceState())))
                        .ifPresent(worstPerResource::add));
                store.inTransaction(() -> evaluated.forEach((id, records) -> {
                    Optional<StoredResource> now = store.resources().get(id);
                    if (now.isEmpty() || now.get().changedAt().isAfter(snapshotAt)) {
                        return; // deleted or rewritten meanwhile: the write path has recorded its states
                    }
                    store.policyStates().replaceForResource(id, PolicyStateRows.toStore(records));
                }));
                scan.done = from + batch.size();
                metrics.scanProgress(scan.done);
                if (scan.done >= nextLog || scan.done == resources.size()) {
                    LOG.info("compliance scan {}: {}/{} resources ({}%)", scan.id, scan.done, scan.total, 100 * scan.done / Math.max(1, scan.total));
                    nextLog = scan.done + Math.max(1, resources.size() / 10);
                }
            }
            scan.status = Status.Succeeded;
            ComplianceRate rate = ComplianceRate.of(worstPerResource);
            LOG.info("compliance scan {} of {} done in {} ms: {} resources, {} policy states; {} resources with applicable policies: {} compliant, "
                            + "{} non-compliant, {} exempt; compliance {}", scan.id, scan.scope, Duration.ofNanos(System.nanoTime() - t0).toMillis(),
                    scan.total, states, worstPerResource.size(), rate.compliant(), rate.nonCompliant(), rate.exempt(),
                    rate.percent() == null ? "n/a" : String.format(java.util.Locale.ROOT, "%.1f%%", rate.percent()));
        } catch (RuntimeException e) {
            scan.error = e.toString();
            scan.status = Status.Failed;
            LOG.warn("compliance scan {} of {} failed", scan.id, scan.scope, e);
        } finally {
            scan.ended = clock.instant();
        }
    }

    /** Waits until no scan is waiting or running (start-up and tests); false on timeout. */
    public boolean awaitIdle(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!idle()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    public synchronized List<Scan> recent() {
        return new ArrayList<>(scans.values());
    }

    @Override
    public void close() {
        if (executor instanceof ExecutorService service) {
            service.shutdownNow();
            try {
                service.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
