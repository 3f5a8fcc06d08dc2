package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.Effect;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Remediation tasks ({@code Microsoft.PolicyInsights/remediations}) as durable work: what the
 * server calls for PUT, GET, list deployments and cancel, and at start to resume.
 *
 * <pre>
 * create(id, body)   validate (structure, assignment, member, effect, identity) → store Accepted
 * run(id)            discover (ExistingNonCompliant from {@link NonCompliantSource}, or ReEvaluateCompliance
 *                    through governance) → store the plan atomically (Evaluating, totalDeployments)
 *                    → remediate up to parallelDeployments resources at a time on the executor
 *                    → Succeeded | Complete | Failed (threshold) | Canceled
 * resumeAll()        run every task left unfinished by a crash: items claimed but not acted on go back
 *                    to the queue; items caught mid-action ask the writer or runner by idempotency key
 * </pre>
 *
 * Each resource's record says exactly what happened (status, deploymentId, error, outcome,
 * complianceStateAfter). Nothing here does I/O: the store, the writer, the deployment runner,
 * role lookups and the inventory are the server's.
 */
public final class RemediationEngine {

    /** What the engine works with (the server's implementations). */
    public record Services(Governance governance, RemediationStore store, ResourceInventory inventory, NonCompliantSource nonCompliant,
                           ResourceWriter writer, DeploymentRunner deployments, RoleAssignmentLookup roles, PolicyStateSink states,
                           Executor executor, Clock clock, KillPoints killPoints) {
    }

    private final Services s;
    /** Tasks this process is running now (cancel reaches them through the store; this lets cancel finish idle ones at once). */
    private final Map<ArmId, TaskRun> running = new ConcurrentHashMap<>();

    public RemediationEngine(Services services) {
        this.s = services;
    }

    /**
     * A remediation PUT: validates and stores the task (Accepted). The value is the task to
     * return (201). Re-PUT of a running task is refused; a finished one starts over.
     */
    public ArmResult<RemediationTask> create(ArmId id, JsonNode body) {
        ArmResult<RemediationSpec> read = RemediationReader.read(id, body);
        if (!read.isOk()) {
            return ArmResult.failed(read.error());
        }
        RemediationSpec spec = read.value();
        ArmError bad = checkAgainstAssignment(spec);
        if (bad != null) {
            return ArmResult.failed(bad);
        }
        Optional<RemediationTask> existing = s.store().task(id);
        if (existing.isPresent() && !existing.get().state().terminal()) {
            return ArmResult.failed(new ArmError(409, "RemediationInProgress", "The remediation '" + id.name() + "' is "
                    + existing.get().state() + "; cancel it or wait for it to finish before replacing it.", null, List.of(), List.of()));
        }
        var now = s.clock().instant();
        String correlation = UUID.nameUUIDFromBytes((id.key() + "|" + now).getBytes(StandardCharsets.UTF_8)).toString();
        RemediationTask task = new RemediationTask(spec, ProvisioningState.Accepted, now, now, null, correlation, 0, 0, 0);
        s.store().create(task);
        return ArmResult.ok(task);
    }

    private ArmError checkAgainstAssignment(RemediationSpec spec) {
        String name = spec.id().name();
        BoundAssignment a = s.governance().state().assignment(spec.policyAssignmentId());
        if (a == null) {
            return RemediationReader.error(name, "The policy assignment '" + spec.policyAssignmentId().id() + "' could not be found.");
        }
        if (!s.governance().state().hierarchy().covers(a.assignment().scope(), spec.scope())
                && !s.governance().state().hierarchy().covers(spec.scope(), a.assignment().scope())) {
            return RemediationReader.error(name, "The remediation scope '" + spec.scope().id() + "' and the policy assignment's scope '"
                    + a.assignment().scope().id() + "' don't overlap.");
        }
        BoundAssignment.Member member;
        if (a.assignsInitiative()) {
            if (spec.policyDefinitionReferenceId() == null) {
                return RemediationReader.error(name, "The policy assignment '" + spec.policyAssignmentId().id().toLowerCase(java.util.Locale.ROOT)
                        + "' assigns a policy set definition. Remediations must specify a single policy definition reference ID within the "
                        + "policy set definition.");
            }
            member = a.members().stream().filter(m -> spec.policyDefinitionReferenceId().equalsIgnoreCase(m.referenceId())).findFirst()
                    .orElse(null);
            if (member == null) {
                return RemediationReader.error(name, "The policy definition reference ID '" + spec.policyDefinitionReferenceId()
                        + "' is not in the policy set definition '" + a.assignment().policyDefinitionId() + "'.");
            }
        } else {
            if (spec.policyDefinitionReferenceId() != null) {
                return RemediationReader.error(name, "The policy assignment '" + spec.policyAssignmentId().id() + "' assigns a single policy "
                        + "definition; 'policyDefinitionReferenceId' applies to policy set definitions only.");
            }
            member = a.members().get(0);
        }
        Effect e = member.policy().effectKind();
        if (e != Effect.MODIFY && e != Effect.DEPLOY_IF_NOT_EXISTS) {
            return RemediationReader.error(name, "The policy definition '" + member.definitionId() + "' has the effect '"
                    + member.policy().effect() + "'; only deployIfNotExists and modify policies can be remediated.");
        }
        if (ManagedIdentity.of(a.assignment().identity()) == null) {
            return RemediationReader.error(name, "The policy assignment '" + spec.policyAssignmentId().id() + "' has no managed identity. "
                    + "Remediation runs as the assignment's system- or user-assigned identity; add one (and grant it the roles in "
                    + "roleDefinitionIds).");
        }
        return null;
    }

    public Optional<RemediationTask> task(ArmId id) {
        return s.store().task(id);
    }

    /** The task's per-resource records in ARM's list shape ({@code {"value": [RemediationDeployment...]}}). */
    public Optional<ObjectNode> deployments(ArmId id) {
        if (s.store().task(id).isEmpty()) {
            return Optional.empty();
        }
        ObjectNode o = Values.object();
        ArrayNode v = o.putArray("value");
        s.store().items(id).forEach(i -> v.add(i.toJson()));
        return Optional.of(o);
    }

    /**
     * Cancels a task: Cancelling is stored at once (a running task stops claiming resources;
     * those in flight finish; the rest are Canceled); a task no process is running is finished
     * here. The value is the task as it is now (ARM answers cancel with it).
     */
    public ArmResult<RemediationTask> cancel(ArmId id) {
        Optional<RemediationTask> t = s.store().task(id);
        if (t.isEmpty()) {
            return ArmResult.failed(ArmError.notFound("RemediationNotFound", "The remediation '" + id.id() + "' could not be found."));
        }
        if (t.get().state().terminal()) {
            // Azure's words (its SDK tests check them): "A completed remediation cannot be cancelled"
            return ArmResult.failed(ArmError.badRequest("InvalidCancelRemediationRequest", "A completed remediation cannot be cancelled. "
                    + "The remediation '" + id.name() + "' is already " + t.get().state() + "."));
        }
        RemediationTask cancelling = t.get().with(ProvisioningState.Cancelling, "Cancellation was requested.", s.clock().instant());
        TaskRun run = running.get(id);
        if (run != null) {
            run.requestCancel();
        }
        s.store().update(cancelling);
        if (run == null) {
            return ArmResult.ok(new TaskRun(s, cancelling).finishCanceled());
        }
        return ArmResult.ok(cancelling);
    }

    /** Runs (or resumes) a task to its end on the calling thread, remediating on the executor. The value is the final task. */
    public RemediationTask run(ArmId id) {
        RemediationTask t = s.store().task(id).orElseThrow(() -> new IllegalArgumentException("no remediation " + id.id()));
        if (t.state().terminal()) {
            return t;
        }
        TaskRun run = new TaskRun(s, t);
        if (running.putIfAbsent(id, run) != null) {
            throw new IllegalStateException("the remediation " + id.id() + " is already running in this process");
        }
        try {
            return run.run();
        } finally {
            running.remove(id);
        }
    }

    /** Every task left unfinished (after a restart), run to its end one after another; the final tasks. */
    public List<RemediationTask> resumeAll() {
        return s.store().unfinished().stream().map(t -> run(t.id())).toList();
    }

    /** The deterministic idempotency key of a resource in a task (the same after every restart). */
    public static String idempotencyKey(RemediationTask task, ArmId resourceId) {
        return UUID.nameUUIDFromBytes((task.id().key() + "|" + task.correlationId() + "|" + resourceId.key()).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
