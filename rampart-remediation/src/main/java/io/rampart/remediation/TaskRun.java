package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.remediate.RemediationAction;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One run of one remediation task: discovery (when not done yet), recovery of items a crash
 * interrupted, the per-resource work on up to parallelDeployments workers, the failure threshold,
 * cancellation, and the final state. Every step is stored before the next one starts, so a run
 * can be killed anywhere and started again over the same store.
 */
final class TaskRun {

    private final RemediationEngine.Services s;
    private RemediationTask task;
    private final AtomicBoolean thresholdExceeded = new AtomicBoolean();
    private final AtomicBoolean canceled = new AtomicBoolean();
    private int succeeded;
    private int failed;

    TaskRun(RemediationEngine.Services s, RemediationTask task) {
        this.s = s;
        this.task = task;
    }

    private Instant now() {
        return s.clock().instant();
    }

    RemediationTask run() {
        if (task.state() == ProvisioningState.Cancelling) {
            return finishCanceled();
        }
        if (task.state() == ProvisioningState.Accepted) {
            List<WorkItem> plan;
            try {
                plan = discover();
            } catch (RuntimeException e) {
                task = task.with(ProvisioningState.Failed, "Discovering the resources to remediate failed: " + e.getMessage(), now());
                s.store().update(task);
                return task;
            }
            task = task.with(ProvisioningState.Evaluating, null, now()).withCounts(plan.size(), 0, 0, now());
            s.store().plan(task, plan);
        }
        List<WorkItem> items = s.store().items(task.id());
        ConcurrentLinkedQueue<WorkItem> queue = new ConcurrentLinkedQueue<>();
        for (WorkItem i : items) {
            switch (i.state()) {
                case Succeeded -> succeeded++;
                case Failed -> failed++;
                case Evaluating -> {
                    // claimed before a crash, never acted on (the action only starts after Deploying is stored): queue it again
                    WorkItem back = i.to(DeploymentState.Queued, now());
                    s.store().putItem(back);
                    queue.add(back);
                }
                case Queued, Deploying -> queue.add(i);
                default -> {
                }
            }
        }
        publishCounts();
        checkThreshold();
        int workers = Math.max(1, Math.min(task.spec().parallelDeployments(), queue.size()));
        CountDownLatch done = new CountDownLatch(workers);
        for (int w = 0; w < workers; w++) {
            Runnable worker = () -> {
                try {
                    WorkItem next;
                    while (!stopping() && (next = queue.poll()) != null) {
                        process(next);
                    }
                } finally {
                    done.countDown();
                }
            };
            try {
                s.executor().execute(worker);
            } catch (RejectedExecutionException e) {
                worker.run(); // never leave a task stuck because the pool is full or shut down
            }
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return task; // stopped from outside: the store holds every step done; a later run resumes
        }
        return finish();
    }

    /** True when workers should stop claiming: cancellation was requested, or the failure threshold was exceeded. */
    private boolean stopping() {
        if (thresholdExceeded.get() || canceled.get()) {
            return true;
        }
        Optional<RemediationTask> t = s.store().task(task.id());
        if (t.isEmpty() || t.get().state() == ProvisioningState.Cancelling) {
            canceled.set(true);
        }
        return canceled.get();
    }

    // ---- discovery ---------------------------------------------------------------------------------

    private List<WorkItem> discover() {
        RemediationSpec spec = task.spec();
        var hierarchy = s.governance().state().hierarchy();
        BoundAssignment a = s.governance().state().assignment(spec.policyAssignmentId());
        if (a == null) {
            throw new IllegalStateException("the policy assignment '" + spec.policyAssignmentId().id() + "' no longer exists");
        }
        Map<ArmId, JsonNode> candidates = new LinkedHashMap<>();
        if (spec.discoveryMode() == DiscoveryMode.ExistingNonCompliant) {
            for (ArmId id : s.nonCompliant().nonCompliant(spec.policyAssignmentId(), spec.policyDefinitionReferenceId(), spec.scope())) {
                if (hierarchy.covers(spec.scope(), id) && hierarchy.covers(a.assignment().scope(), id)) {
                    candidates.put(id, s.inventory().get(id));
                }
            }
            if (!spec.resourceIds().isEmpty()) {
                List<ArmId> wanted = spec.resourceIds().stream().map(ArmId::parse).toList();
                candidates.keySet().retainAll(wanted);
            }
        } else {
            for (JsonNode r : s.inventory().resourcesUnder(spec.scope())) {
                ArmId id = idOf(r);
                if (id == null || !hierarchy.covers(a.assignment().scope(), id)) {
                    continue;
                }
                RemediationAction act = s.governance().remediationAction(spec.policyAssignmentId(), spec.policyDefinitionReferenceId(), id, r,
                        s.inventory());
                boolean nonCompliant = switch (act) {
                    case RemediationAction.Modify m -> true;
                    case RemediationAction.Deploy d -> true;
                    case RemediationAction.AlreadyCompliant c -> false;
                    // matched but not fixable (conflicts, nothing to change, ...) is still non-compliant: its record will say why
                    case RemediationAction.NotRemediable n -> !n.code().equals("PolicyEvaluationResultNotFound");
                };
                if (nonCompliant) {
                    candidates.put(id, r);
                }
            }
        }
        List<Map.Entry<ArmId, JsonNode>> sorted = new ArrayList<>(candidates.entrySet());
        sorted.sort((x, y) -> x.getKey().key().compareTo(y.getKey().key()));
        List<WorkItem> plan = new ArrayList<>();
        Instant now = now();
        for (Map.Entry<ArmId, JsonNode> e : sorted) {
            String location = e.getValue() == null ? null : Values.toText(Values.property(e.getValue(), "location"));
            if (!spec.locations().isEmpty() && spec.locations().stream().map(RemediationReader::normaliseLocation)
                    .noneMatch(l -> l.equals(RemediationReader.normaliseLocation(location)))) {
                continue;
            }
            if (plan.size() >= spec.resourceCount()) {
                break;
            }
            plan.add(WorkItem.queued(task.id(), plan.size(), e.getKey(), location, RemediationEngine.idempotencyKey(task, e.getKey()), now));
        }
        return plan;
    }

    private static ArmId idOf(JsonNode r) {
        JsonNode id = Values.property(r, "id");
        if (id == null || !id.isTextual()) {
            return null;
        }
        try {
            ArmId a = ArmId.parse(id.textValue());
            return a.isResource() ? a : null;
        } catch (InvalidArmIdException e) {
            return null;
        }
    }

    // ---- one resource ------------------------------------------------------------------------------

    /** What to do next for an item: a final record, or an action to run. */
    private record Step(WorkItem done, RemediationAction action, String deploymentId) {
    }

    private void process(WorkItem item) {
        try {
            if (item.state() == DeploymentState.Deploying) {
                resume(item);
                return;
            }
            WorkItem claimed = item.to(DeploymentState.Evaluating, now());
            s.store().putItem(claimed);
            s.killPoints().reached(KillPoints.CLAIMED);
            Step step = decide(claimed);
            if (step.done() != null) {
                complete(step.done());
                return;
            }
            WorkItem deploying = claimed.deploying(step.deploymentId(), now());
            s.store().putItem(deploying);
            s.killPoints().reached(KillPoints.DEPLOYING);
            act(deploying, step.action());
        } catch (RuntimeException e) {
            // A failure of the server's writer, runner or store, or a Rampart defect: this resource fails, the task goes on.
            complete(item.failed("InternalError", "Remediating the resource failed unexpectedly: " + e, now()));
        }
    }

    /** An item a crash caught between storing Deploying and storing its result: adopt the recorded result, or act now. */
    private void resume(WorkItem item) {
        Optional<?> recorded = item.deploymentId() != null ? s.deployments().recorded(item.idempotencyKey()).map(r -> (Object) r)
                : s.writer().recorded(item.idempotencyKey()).map(r -> (Object) r);
        if (recorded.isPresent()) {
            finishFrom(item, recorded.get());
            return;
        }
        Step step = decide(item);
        if (step.done() != null) {
            complete(step.done());
            return;
        }
        act(item, step.action());
    }

    private Step decide(WorkItem item) {
        RemediationSpec spec = task.spec();
        JsonNode resource = s.inventory().get(item.resourceId());
        RemediationAction action = s.governance().remediationAction(spec.policyAssignmentId(), spec.policyDefinitionReferenceId(),
                item.resourceId(), resource, s.inventory());
        return switch (action) {
            case RemediationAction.AlreadyCompliant c -> new Step(item.succeeded("AlreadyCompliant", c.complianceState(), now()), null, null);
            case RemediationAction.NotRemediable n -> new Step(item.failed(n.code(), n.message(), now()), null, null);
            case RemediationAction.Modify m -> {
                WorkItem denied = checkRoles(item, m.roleDefinitionIds(), item.resourceId());
                yield denied != null ? new Step(denied, null, null) : new Step(null, m, null);
            }
            case RemediationAction.Deploy d -> {
                WorkItem denied = checkRoles(item, d.roleDefinitionIds(), d.target());
                String deploymentId = d.target().id() + "/providers/Microsoft.Resources/deployments/PolicyDeployment_" + item.idempotencyKey();
                yield denied != null ? new Step(denied, null, null) : new Step(null, d, deploymentId);
            }
        };
    }

    /** Null when the identity holds every role at the scope; else the failed record naming the missing roles. */
    private WorkItem checkRoles(WorkItem item, List<String> roles, ArmId scope) {
        ManagedIdentity identity = identity();
        if (identity == null) {
            return item.failed("MissingManagedIdentity", "The policy assignment '" + task.spec().policyAssignmentId().id()
                    + "' has no managed identity to remediate with.", now());
        }
        List<String> missing = roles.stream().filter(r -> !s.roles().hasRole(identity, r, scope)).toList();
        if (missing.isEmpty()) {
            return null;
        }
        return item.failed("AuthorizationFailed", "The policy assignment's " + identity.describe() + " does not have the role"
                + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " at scope '" + scope.id() + "' that the policy's "
                + "roleDefinitionIds require. Grant the role" + (missing.size() > 1 ? "s" : "") + " to the identity and remediate again.", now());
    }

    private ManagedIdentity identity() {
        BoundAssignment a = s.governance().state().assignment(task.spec().policyAssignmentId());
        return a == null ? null : ManagedIdentity.of(a.assignment().identity());
    }

    private void act(WorkItem item, RemediationAction action) {
        Object result;
        if (action instanceof RemediationAction.Modify m) {
            result = s.writer().write(item.resourceId(), m.body(), identity(), item.idempotencyKey());
        } else {
            RemediationAction.Deploy d = (RemediationAction.Deploy) action;
            result = s.deployments().deploy(new DeploymentRunner.DeploymentCommand(ArmId.parse(item.deploymentId()), d.target(), d.location(),
                    d.deployment(), identity(), item.idempotencyKey()));
        }
        s.killPoints().reached(KillPoints.ACTED);
        finishFrom(item, result);
    }

    private void finishFrom(WorkItem item, Object result) {
        WorkItem done = switch (result) {
            case ResourceWriter.WriteResult.Written w -> item.succeeded("Modified", reevaluate(item.resourceId(), w.body()), now());
            case ResourceWriter.WriteResult.Refused r -> item.failed(r.error().code(), r.error().message(), now());
            case ResourceWriter.WriteResult.NotFound n -> item.failed("ResourceNotFound", "The resource '" + item.resourceId().id()
                    + "' was not found when it was written: it was deleted during the remediation.", now());
            case ResourceWriter.WriteResult.Failed f -> item.failed(f.code(), f.message(), now());
            case DeploymentRunner.DeploymentResult.Succeeded ok -> item.succeeded("Deployed",
                    reevaluate(item.resourceId(), s.inventory().get(item.resourceId())), now());
            case DeploymentRunner.DeploymentResult.Failed f -> item.failed(f.code(), "The remediation deployment '" + item.deploymentId()
                    + "' failed: " + f.message(), now());
            default -> throw new IllegalStateException("unexpected result " + result);
        };
        complete(done);
    }

    /** The resource's compliance re-evaluated after the action (all assignments, stored through the sink); the task's member's state. */
    private String reevaluate(ArmId id, JsonNode resource) {
        if (resource == null) {
            return null;
        }
        List<PolicyStateRecord> states = s.governance().evaluateResource(id, resource, s.inventory());
        s.states().record(id, states);
        String ref = task.spec().policyDefinitionReferenceId();
        for (PolicyStateRecord r : states) {
            boolean sameRef = ref == null ? r.policyDefinitionReferenceId() == null || r.policyDefinitionReferenceId().isEmpty()
                    : ref.equalsIgnoreCase(r.policyDefinitionReferenceId());
            if (r.policyAssignmentId().equalsIgnoreCase(task.spec().policyAssignmentId().id()) && sameRef) {
                return r.complianceState();
            }
        }
        return null;
    }

    private void complete(WorkItem done) {
        s.store().putItem(done);
        s.killPoints().reached(KillPoints.RECORDED);
        synchronized (this) {
            if (done.state() == DeploymentState.Succeeded) {
                succeeded++;
            } else if (done.state() == DeploymentState.Failed) {
                failed++;
            }
            publishCounts();
            checkThreshold();
        }
    }

    /** A cancel of this running task (besides the Cancelling the engine stores): workers stop claiming, and counts keep Cancelling. */
    void requestCancel() {
        canceled.set(true);
    }

    /** Progress: the task's deploymentStatus counts, stored after each resource so GET shows them while the task runs. */
    private synchronized void publishCounts() {
        RemediationTask stored = s.store().task(task.id()).orElse(task);
        // a cancel stored between the read and this write must not be overwritten: the in-memory flag keeps it
        ProvisioningState state = canceled.get() ? ProvisioningState.Cancelling : stored.state();
        task = new RemediationTask(task.spec(), state, task.createdOn(), now(), stored.statusMessage(), task.correlationId(), task.total(),
                succeeded, failed);
        s.store().update(task);
    }

    private synchronized void checkThreshold() {
        if (task.total() > 0 && (double) failed / task.total() > task.spec().failureThreshold()) {
            thresholdExceeded.set(true);
        }
    }

    private RemediationTask finish() {
        RemediationTask stored = s.store().task(task.id()).orElse(task);
        boolean cancel = canceled.get() || stored.state() == ProvisioningState.Cancelling;
        if (cancel) {
            return finishCanceled();
        }
        String reason = thresholdExceeded.get() ? "The failure threshold (" + percent(task.spec().failureThreshold()) + ") was exceeded: " + failed
                + " of " + task.total() + " deployments failed; the remaining resources were not remediated." : null;
        if (reason != null) {
            cancelQueued("Not remediated: the remediation's failure threshold was exceeded.");
        }
        ProvisioningState end = reason != null ? ProvisioningState.Failed : failed == 0 ? ProvisioningState.Succeeded : ProvisioningState.Complete;
        String message = reason != null ? reason : task.total() == 0 ? "No non-compliant resources were found to remediate."
                : failed == 0 ? null : failed + " of " + task.total() + " deployments failed (within the failure threshold).";
        task = task.with(end, message, now());
        s.store().update(task);
        return task;
    }

    /**
     * Cancels every item not yet started and ends the task Canceled. An item a crash left mid-action
     * takes the result its writer or runner recorded, or is Canceled when none was recorded.
     */
    RemediationTask finishCanceled() {
        for (WorkItem i : s.store().items(task.id())) {
            if (i.state() == DeploymentState.Deploying) {
                Optional<?> recorded = i.deploymentId() != null ? s.deployments().recorded(i.idempotencyKey()).map(r -> (Object) r)
                        : s.writer().recorded(i.idempotencyKey()).map(r -> (Object) r);
                if (recorded.isPresent()) {
                    finishFrom(i, recorded.get());
                } else {
                    s.store().putItem(i.canceled("Not remediated: the remediation was canceled.", now()));
                }
            }
        }
        cancelQueued("Not remediated: the remediation was canceled.");
        int ok = 0;
        int bad = 0;
        for (WorkItem i : s.store().items(task.id())) {
            ok += i.state() == DeploymentState.Succeeded ? 1 : 0;
            bad += i.state() == DeploymentState.Failed ? 1 : 0;
        }
        RemediationTask stored = s.store().task(task.id()).orElse(task);
        task = stored.withCounts(stored.total(), ok, bad, now()).with(ProvisioningState.Canceled, "The remediation was canceled.", now());
        s.store().update(task);
        return task;
    }

    private void cancelQueued(String message) {
        for (WorkItem i : s.store().items(task.id())) {
            if (i.state() == DeploymentState.Queued || i.state() == DeploymentState.Evaluating) {
                s.store().putItem(i.canceled(message, now()));
            }
        }
    }

    private static String percent(double p) {
        return Math.round(p * 100) + "%";
    }
}
