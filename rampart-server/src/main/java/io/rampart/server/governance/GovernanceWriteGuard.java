package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.rampart.governance.Governance;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.DeleteRequest;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.policy.GuardDecision;
import io.rampart.server.policy.WriteGuard;
import io.rampart.server.policy.WriteRequest;

/**
 * Request-time enforcement by the governance core: a PUT or PATCH (the body the resource would
 * have after the request: the server has merged a PATCH into the stored resource already) goes
 * through Append/Modify, Deny and Audit; a DELETE through DenyAction. Allowed writes store the
 * body as Append/Modify left it; denials answer with the core's 403.
 */
public final class GovernanceWriteGuard implements WriteGuard {

    private final Governance governance;
    private final StoreInventory inventory;

    public GovernanceWriteGuard(Governance governance, StoreInventory inventory) {
        this.governance = governance;
        this.inventory = inventory;
    }

    @Override
    public GuardDecision decide(WriteRequest request) {
        JsonNode proposed = request.proposed().orElse(NullNode.getInstance());
        if (!GovernanceIds.evaluated(request.target().type()) || request.target().kind() == io.rampart.server.arm.ArmId.Kind.MANAGEMENT_GROUP) {
            return new GuardDecision.Allow(proposed, null);
        }
        ArmId id = GovernanceIds.of(request.target());
        Decision d = switch (request.operation()) {
            case PUT, PATCH -> governance.enforceWrite(new io.rampart.governance.enforce.WriteRequest(id, request.apiVersion(), proposed), inventory);
            case DELETE -> governance.enforceDelete(new DeleteRequest(id, request.apiVersion(), request.existing().orElse(null)), inventory);
        };
        return switch (d) {
            case Decision.Allowed ok -> new GuardDecision.Allow(request.operation() == WriteRequest.Operation.DELETE ? proposed
                    : ResourceShapes.storable(ok.body()), PolicyOutcomes.of(ok.outcomes(), ok.changes()));
            case Decision.Denied no -> new GuardDecision.Deny(no.error().status(), no.error().toJson(), PolicyOutcomes.of(no.outcomes(), java.util.List.of()));
        };
    }
}
