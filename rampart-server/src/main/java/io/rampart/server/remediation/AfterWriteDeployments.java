package io.rampart.server.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.remediate.EvaluationDelay;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.remediate.RemediationAction;
import io.rampart.governance.remediate.RoleAssignmentLookup;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.EffectDetails;
import io.rampart.remediation.DeploymentRunner;
import io.rampart.remediation.PolicyStateSink;
import io.rampart.server.governance.PolicyStateRows;
import io.rampart.store.Page;
import io.rampart.store.PolicyStateQuery;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * AuditIfNotExists and DeployIfNotExists after a create or update, as Azure runs them
 * (effect-deploy-if-not-exists.md, "evaluationDelay"): once the write has committed — right away
 * for AfterProvisioning (the default) and AfterProvisioningSuccess (Rampart's writes are
 * synchronous, so provisioning has succeeded; AfterProvisioningFailure never runs), or after the
 * ISO 8601 delay — a DeployIfNotExists member the resource is NonCompliant with deploys its
 * template as the assignment's managed identity (the same deployment a remediation task runs,
 * {@link RemediationDeployments}; its key is derived from the written version, so the version is
 * deployed for at most once), and the resource is evaluated again. An AuditIfNotExists member with
 * a delay is evaluated again after it (the write's own evaluation records its state at once).
 * Enforcement mode DoNotEnforce deploys nothing. Scheduled work lives in memory: a restart drops
 * what had not run yet, and the resource stays NonCompliant for a remediation task to fix.
 */
public final class AfterWriteDeployments implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AfterWriteDeployments.class);

    private final Governance governance;
    private final Store store;
    private final ResourceInventory inventory;
    private final DeploymentRunner deployments;
    private final RoleAssignmentLookup roles;
    private final PolicyStateSink states;
    private final ScheduledExecutorService scheduler;

    public AfterWriteDeployments(Governance governance, Store store, ResourceInventory inventory, DeploymentRunner deployments, RoleAssignmentLookup roles,
                                 PolicyStateSink states, ScheduledExecutorService scheduler) {
        this.governance = governance;
        this.store = store;
        this.inventory = inventory;
        this.deployments = deployments;
        this.roles = roles;
        this.states = states;
        this.scheduler = scheduler;
    }

    /** A resource write has committed (its policy states, recorded in the write's transaction, say what is pending). */
    public void written(StoredResource resource) {
        ArmId id = ArmId.parse(resource.id());
        for (PolicyStateRecord s : statesOf(id)) {
            String action = s.policyDefinitionAction() == null ? "" : s.policyDefinitionAction().toLowerCase(Locale.ROOT);
            if (!action.equals("deployifnotexists") && !action.equals("auditifnotexists")) {
                continue;
            }
            EvaluationDelay delay = delayOf(s);
            if (delay == null || !delay.runsAfter(true)) {
                continue;
            }
            boolean deploy = action.equals("deployifnotexists") && "NonCompliant".equals(s.complianceState())
                    && !"DoNotEnforce".equalsIgnoreCase(s.enforcementMode());
            if (!deploy && delay.delay().isZero()) {
                continue; // the write's own evaluation is the one after provisioning
            }
            Runnable work = deploy ? () -> deploy(s, id, resource.etag()) : () -> reevaluate(id);
            scheduler.schedule(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("after-write {} of {} for {} failed: {}", deploy ? "deployment" : "evaluation", id, s.policyAssignmentId(), e.toString());
                }
            }, delay.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private List<PolicyStateRecord> statesOf(ArmId id) {
        List<PolicyStateRecord> out = new ArrayList<>();
        Page<io.rampart.store.PolicyStateRecord> page = store.policyStates().query(PolicyStateQuery.under(id.id(), 1000));
        page.items().stream().filter(r -> r.resourceId().equalsIgnoreCase(id.id())).forEach(r -> out.add(PolicyStateRows.fromStore(r)));
        return out;
    }

    /** The member's evaluationDelay; null when the member is gone. */
    private EvaluationDelay delayOf(PolicyStateRecord s) {
        BoundAssignment.Member m = member(s);
        if (m == null) {
            return null;
        }
        try {
            return m.policy().details() instanceof EffectDetails.IfNotExists i ? EvaluationDelay.parse(i.evaluationDelay()) : EvaluationDelay.DEFAULT;
        } catch (IllegalArgumentException e) {
            return EvaluationDelay.DEFAULT;
        }
    }

    private BoundAssignment.Member member(PolicyStateRecord s) {
        BoundAssignment a = governance.state().assignment(ArmId.parse(s.policyAssignmentId()));
        if (a == null) {
            return null;
        }
        String ref = s.policyDefinitionReferenceId();
        return a.members().stream().filter(m -> ref == null || ref.isEmpty() ? m.referenceId() == null || m.referenceId().isEmpty()
                : ref.equalsIgnoreCase(m.referenceId())).findFirst().orElse(null);
    }

    private void deploy(PolicyStateRecord s, ArmId id, String version) {
        ArmId assignmentId = ArmId.parse(s.policyAssignmentId());
        BoundAssignment a = governance.state().assignment(assignmentId);
        JsonNode resource = inventory.get(id);
        if (a == null || resource == null) {
            return;
        }
        String ref = s.policyDefinitionReferenceId() == null || s.policyDefinitionReferenceId().isEmpty() ? null : s.policyDefinitionReferenceId();
        if (!(governance.remediationAction(assignmentId, ref, id, resource, inventory) instanceof RemediationAction.Deploy d)) {
            return; // compliant by now (or not deployable): nothing to do
        }
        ManagedIdentity identity = ManagedIdentity.of(a.assignment().identity());
        if (identity == null) {
            LOG.debug("DeployIfNotExists of {} for {} not run: the assignment has no managed identity", id, assignmentId);
            return;
        }
        List<String> missing = d.roleDefinitionIds().stream().filter(r -> !roles.hasRole(identity, r, d.target())).toList();
        if (!missing.isEmpty()) {
            LOG.info("DeployIfNotExists of {} for {} not run: its {} lacks {} at {}", id, assignmentId, identity.describe(), missing, d.target());
            return;
        }
        String key = UUID.nameUUIDFromBytes(("after-write|" + assignmentId.key() + "|" + (ref == null ? "" : ref.toLowerCase(Locale.ROOT)) + "|" + id.key()
                + "|" + version).getBytes(StandardCharsets.UTF_8)).toString();
        ArmId deploymentId = ArmId.parse(d.target().id() + "/providers/Microsoft.Resources/deployments/PolicyDeployment_" + key);
        DeploymentRunner.DeploymentResult r = deployments.deploy(new DeploymentRunner.DeploymentCommand(deploymentId, d.target(), d.location(),
                d.deployment(), identity, key));
        if (r instanceof DeploymentRunner.DeploymentResult.Failed f) {
            LOG.info("DeployIfNotExists of {} for {} failed: {} {}", id, assignmentId, f.code(), f.message());
        }
        reevaluate(id);
    }

    private void reevaluate(ArmId id) {
        JsonNode now = inventory.get(id);
        if (now != null) {
            states.record(id, governance.evaluateResource(id, now, inventory));
        }
    }

    /** Drops what has not run yet (see the class comment) and stops the scheduler. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
