package io.rampart.server.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.remediation.DeploymentRunner;
import io.rampart.server.access.Caller;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.ArmId;
import io.rampart.server.arm.Deployments;
import io.rampart.server.arm.RequestContext;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * DeployIfNotExists deployments of remediations: the identity needs
 * {@code Microsoft.Resources/deployments/write} at the target (as in Azure, where a policy's
 * deployment is an ordinary deployment made by the assignment's identity); the template engine
 * expands the template and each resource goes through {@link IdentityWriter} (policy enforced,
 * each write with its own key {@code <key>/<n>}); then the deployment's record
 * ({@code Microsoft.Resources/deployments} at the remediation's deploymentId, what
 * listDeployments points at), its activity-log entry and the deployment's idempotency key are
 * stored in one transaction.
 */
public final class RemediationDeployments implements DeploymentRunner {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private final DeploymentRunner templates;
    private final Rbac rbac;
    private final Store store;
    private final ActivityRecorder activity;
    private final Clock clock;

    /** @param templates the runner that expands and writes (rampart-remediation's TemplateDeploymentRunner over an IdentityWriter) */
    public RemediationDeployments(DeploymentRunner templates, Rbac rbac, Store store, ActivityRecorder activity, Clock clock) {
        this.templates = templates;
        this.rbac = rbac;
        this.store = store;
        this.activity = activity;
        this.clock = clock;
    }

    @Override
    public DeploymentResult deploy(DeploymentCommand c) {
        Optional<DeploymentResult> done = recorded(c.idempotencyKey());
        if (done.isPresent()) {
            return done.get();
        }
        ArmId id = ArmId.parse(c.deploymentId().id());
        String principal = c.identity() == null ? null : c.identity().principalId();
        Caller caller = new Caller(principal, c.identity() == null ? "no identity" : c.identity().describe());
        String action = "Microsoft.Resources/deployments/write";
        if (principal == null || !rbac.permits(caller, action, id.id())) {
            DeploymentResult refused = new DeploymentResult.Failed("AuthorizationFailed", principal == null
                    ? "The policy assignment has no managed identity principal to deploy '" + id.id() + "' as."
                    : ArmErrors.authorizationFailed(principal, action, id.id()).getMessage());
            store.idempotencyKeys().record(c.idempotencyKey(), id.id(), ResultCodec.toJson(refused));
            return refused;
        }
        Instant started = clock.instant();
        DeploymentResult result = templates.deploy(c);
        ObjectNode record = record(c, result, started);
        RequestContext ctx = new RequestContext(caller, IdentityWriter.correlationOf(c.idempotencyKey()), UUID.randomUUID().toString(), "PUT",
                id.id(), null);
        store.inTransaction(() -> {
            store.resources().put(ResourceWrite.of(id.id(), Deployments.TYPE, record, principal));
            boolean ok = result instanceof DeploymentResult.Succeeded;
            DeploymentResult.Failed failed = ok ? null : (DeploymentResult.Failed) result;
            activity.record(ctx, action, id.id(), id.subscriptionId(), id.resourceGroup(), ok ? 201 : 400, null, ok ? null : failed.code(),
                    ok ? null : failed.message());
            store.idempotencyKeys().record(c.idempotencyKey(), id.id(), ResultCodec.toJson(result));
        });
        return result;
    }

    @Override
    public Optional<DeploymentResult> recorded(String idempotencyKey) {
        return store.idempotencyKeys().find(idempotencyKey).map(w -> ResultCodec.deploymentResult(w.result()));
    }

    /** The deployment as ARM's GET shows it (DeploymentExtended properties), outcome included. */
    private ObjectNode record(DeploymentCommand c, DeploymentResult result, Instant started) {
        ObjectNode out = F.objectNode();
        if (c.location() != null) {
            out.put("location", c.location());
        }
        ObjectNode p = out.putObject("properties");
        p.put("mode", "Incremental");
        p.put("correlationId", IdentityWriter.correlationOf(c.idempotencyKey()));
        p.put("timestamp", clock.instant().toString());
        p.put("duration", java.time.Duration.between(started, clock.instant()).toString());
        JsonNode parameters = c.deployment().path("properties").path("parameters");
        if (parameters.isObject()) {
            p.set("parameters", parameters);
        }
        switch (result) {
            case DeploymentResult.Succeeded s -> {
                p.put("provisioningState", "Succeeded");
                ArrayNode resources = p.putArray("outputResources");
                s.resources().forEach(r -> resources.addObject().put("id", r));
            }
            case DeploymentResult.Failed f -> {
                p.put("provisioningState", "Failed");
                p.putObject("error").put("code", f.code()).put("message", f.message());
            }
        }
        return out;
    }
}
