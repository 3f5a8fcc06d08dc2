package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.preview.ImpactReport;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.access.Rbac;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.arm.ArmException;
import io.rampart.server.arm.RequestContext;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.store.Store;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The impact preview (a Rampart extension): {@code POST {assignment id}/preview} with a proposed
 * assignment body — or none, for the stored assignment as if it were enforced — answers what it
 * would make non-compliant, deny, modify and protect among the resources in its scope, without
 * putting anything in force.
 */
public final class ImpactPreviews {

    public static final Pattern PATH = Pattern.compile("(?i)^(?<assignment>.*/providers/Microsoft\\.Authorization/policyAssignments/[^/]+)/preview/?$");

    private final Governance governance;
    private final Store store;
    private final StoreInventory inventory;
    private final ResourceShapes shapes;
    private final Rbac rbac;

    public ImpactPreviews(Governance governance, Store store, StoreInventory inventory, ResourceShapes shapes, Rbac rbac) {
        this.governance = governance;
        this.store = store;
        this.inventory = inventory;
        this.shapes = shapes;
        this.rbac = rbac;
    }

    /** @param proposed the proposed PUT body; null for the stored assignment */
    public JsonNode preview(RequestContext ctx, String assignmentId, JsonNode proposed) {
        ArmId id = GovernanceIds.parse(assignmentId);
        ArmId scope = scopeOf(id);
        rbac.require(ctx.caller(), "Microsoft.Authorization/policyAssignments/read", scope.kind() == ArmId.Kind.TENANT ? "/" : scope.id());
        if (scope.kind() == ArmId.Kind.TENANT) {
            throw ArmErrors.badRequest("InvalidPolicyScope", "Policy assignments live at a management group, subscription, resource group or resource.");
        }
        if (!scope.isResource() && store.resources().get(scope.id()).isEmpty()) {
            throw switch (scope.kind()) {
                case SUBSCRIPTION -> ArmErrors.subscriptionNotFound(scope.subscriptionId());
                case RESOURCE_GROUP -> ArmErrors.resourceGroupNotFound(scope.resourceGroup());
                default -> ArmErrors.managementGroupNotFound(scope.name());
            };
        }
        JsonNode body = proposed;
        if (body == null) {
            body = store.resources().get(id.id()).map(shapes::shape)
                    .orElseThrow(() -> new ArmException(404, "PolicyAssignmentNotFound", "The policy assignment '" + id.name() + "' is not found."));
        }
        if (!body.isObject()) {
            throw ArmErrors.invalidRequestContent("the request body must be a policy assignment (a JSON object) or empty");
        }
        long t0 = System.nanoTime();
        SnapshotInventory snapshot = SnapshotInventory.load(scope, inventory, governance.state().hierarchy());
        ArmResult<ImpactReport> report = governance.preview(id, body, snapshot);
        if (!report.isOk()) {
            throw ArmException.withBody(report.error().status(), report.error().toJson());
        }
        ObjectNode out = report.value().toJson();
        out.put("scope", scope.id());
        out.put("durationMs", (System.nanoTime() - t0) / 1_000_000);
        return out;
    }

    private static ArmId scopeOf(ArmId assignment) {
        String s = assignment.id();
        int cut = s.toLowerCase(Locale.ROOT).lastIndexOf("/providers/microsoft.authorization/policyassignments/");
        return cut <= 0 ? ArmId.TENANT : ArmId.parse(s.substring(0, cut));
    }
}
