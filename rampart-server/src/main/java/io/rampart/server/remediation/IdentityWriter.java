package io.rampart.server.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.remediation.ResourceWriter;
import io.rampart.server.access.Caller;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.ArmActions;
import io.rampart.server.arm.ArmException;
import io.rampart.server.arm.ArmId;
import io.rampart.server.arm.RequestContext;
import io.rampart.server.arm.ResourceService;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.store.Store;
import io.rampart.store.StoredResource;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Remediation writes on the server's real write path, made as the policy assignment's managed
 * identity ({@link ResourceService#putOnBehalf}): that principal's RBAC as Azure checks it,
 * parents, body checks, policy enforced again, compliance and the activity-log entry (caller:
 * the identity's principal) — and the idempotency key recorded in the write's own transaction,
 * so after a crash {@link #recorded} answers exactly whether the write happened. Refusals
 * (policy, RBAC, a deleted resource) are recorded under the key too, in their own transaction,
 * and go to the activity log as failed writes.
 *
 * <p>Two modes: a Modify remediation rewrites a resource that must exist (a remediation never
 * creates the resource it fixes); a DeployIfNotExists deployment creates or replaces the
 * resources of its template.
 */
public final class IdentityWriter implements ResourceWriter {

    /** What a write may do to a resource that does not exist. */
    public enum Mode { EXISTING_ONLY, CREATE_OR_REPLACE }

    /** Azure's Tags API: enough to change only a resource's tags (Tag Contributor has it). */
    static final String TAGS_WRITE = "Microsoft.Resources/tags/write";

    private final ResourceService resources;
    private final Store store;
    private final ResourceShapes shapes;
    private final ActivityRecorder activity;
    private final Mode mode;

    public IdentityWriter(ResourceService resources, Store store, ResourceShapes shapes, ActivityRecorder activity, Mode mode) {
        this.resources = resources;
        this.store = store;
        this.shapes = shapes;
        this.activity = activity;
        this.mode = mode;
    }

    @Override
    public WriteResult write(io.rampart.governance.scope.ArmId resourceId, JsonNode body, ManagedIdentity identity, String idempotencyKey) {
        Optional<WriteResult> done = recorded(idempotencyKey);
        if (done.isPresent()) {
            return done.get();
        }
        ArmId id;
        try {
            id = ArmId.parse(resourceId.id());
        } catch (ArmException e) {
            return remember(idempotencyKey, resourceId.id(), new WriteResult.Failed(e.code(), e.getMessage()));
        }
        if (identity == null || identity.principalId() == null) {
            return remember(idempotencyKey, id.id(), new WriteResult.Refused(new ArmError(403, "AuthorizationFailed", "The policy assignment's "
                    + (identity == null ? "managed identity" : identity.describe()) + " has no principal to write '" + id.id() + "' as.", null,
                    List.of(), List.of())));
        }
        Caller caller = new Caller(identity.principalId(), identity.describe());
        RequestContext ctx = new RequestContext(caller, correlationOf(idempotencyKey), UUID.randomUUID().toString(), "PUT", id.id(), null);
        Optional<StoredResource> current = store.resources().get(id.id());
        if (mode == Mode.EXISTING_ONLY && current.isEmpty()) {
            return remember(idempotencyKey, id.id(), new WriteResult.NotFound());
        }
        if (mode == Mode.EXISTING_ONLY && changedSince(current.get(), body)) {
            return remember(idempotencyKey, id.id(), new WriteResult.Failed("ResourceChanged", "The resource '" + id.id()
                    + "' was changed by another request after the remediation read it; it was not overwritten. Remediate it again."));
        }
        List<String> also = mode == Mode.EXISTING_ONLY && onlyTagsChange(current.get(), body) ? List.of(TAGS_WRITE) : List.of();
        try {
            ResourceService.Written w = resources.putOnBehalf(ctx, id, body, current.map(r -> "\"" + r.etag() + "\""), also,
                    stored -> store.idempotencyKeys().record(idempotencyKey, id.id(), ResultCodec.toJson(new WriteResult.Written(shapes.shape(stored)))));
            return new WriteResult.Written(w.body());
        } catch (ResourceService.PolicyDenied denied) {
            logRefusal(ctx, id, denied.error(), denied.outcome());
            return remember(idempotencyKey, id.id(), new WriteResult.Refused(ResultCodec.error(denied.error())));
        } catch (ArmException e) {
            logRefusal(ctx, id, e, null);
            if (e.status() == 404) {
                return remember(idempotencyKey, id.id(), new WriteResult.NotFound());
            }
            if (e.status() == 412) {
                return remember(idempotencyKey, id.id(), new WriteResult.Failed("ResourceChanged", "The resource '" + id.id()
                        + "' was changed by another request while it was remediated; remediate it again."));
            }
            return remember(idempotencyKey, id.id(), new WriteResult.Refused(ResultCodec.error(e)));
        }
    }

    @Override
    public Optional<WriteResult> recorded(String idempotencyKey) {
        return store.idempotencyKeys().find(idempotencyKey).map(w -> ResultCodec.writeResult(w.result()));
    }

    private WriteResult remember(String key, String resourceId, WriteResult result) {
        store.idempotencyKeys().record(key, resourceId, ResultCodec.toJson(result));
        return result;
    }

    private void logRefusal(RequestContext ctx, ArmId id, ArmException e, JsonNode outcome) {
        activity.record(ctx, ArmActions.of(id, "write"), id.id(), id.subscriptionId(), id.resourceGroup(), e.status(), outcome, e.code(), e.getMessage());
    }

    /** The writes of one resource's remediation share a correlation id: its idempotency key (a deployment's writes add "/n"). */
    static String correlationOf(String key) {
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    /**
     * True when the resource was written after the version the body was made from (the engine
     * decides on the resource as read, with its systemData): writing the body would undo that write.
     */
    private boolean changedSince(StoredResource current, JsonNode body) {
        JsonNode seen = body.path("systemData").path("lastModifiedAt");
        return seen.isTextual() && !seen.asText().equals(shapes.shape(current).path("systemData").path("lastModifiedAt").asText());
    }

    /** True when the body differs from the stored resource in its tags only (ids, systemData and etag aside). */
    private static boolean onlyTagsChange(StoredResource current, JsonNode body) {
        ObjectNode now = ResourceShapes.storable(current.body());
        ObjectNode next = ResourceShapes.storable(body);
        now.remove("tags");
        next.remove("tags");
        return now.equals(next);
    }
}
