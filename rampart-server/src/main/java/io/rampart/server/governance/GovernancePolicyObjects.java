package io.rampart.server.governance;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.Governance;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.scope.ArmId;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ArmException;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.policy.BasicPolicyObjects;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.store.StoredResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Policy objects checked and put in force by the governance core: custom definitions and
 * initiatives validated as ARM does (and assignments using them rebound when they change),
 * assignments read and bound against their definition or initiative, exemptions checked against
 * their assignment. {@link #validate} only checks; {@link #stored} puts the stored object in force
 * once its write has committed, so a failed write leaves nothing in force.
 */
public final class GovernancePolicyObjects implements PolicyObjects {

    private static final Logger LOG = LoggerFactory.getLogger(GovernancePolicyObjects.class);

    private final Governance governance;
    private final BasicPolicyObjects builtIns;
    private final ResourceShapes shapes;
    private final AssignmentIdentities identities;

    public GovernancePolicyObjects(Governance governance, BasicPolicyObjects builtIns, ResourceShapes shapes) {
        this(governance, builtIns, shapes, id -> Optional.empty());
    }

    /** @param userAssignedIdentity the stored user-assigned identity resource of an id (for the principal an assignment's identity names) */
    public GovernancePolicyObjects(Governance governance, BasicPolicyObjects builtIns, ResourceShapes shapes,
                                   java.util.function.Function<String, Optional<JsonNode>> userAssignedIdentity) {
        this.governance = governance;
        this.builtIns = builtIns;
        this.shapes = shapes;
        this.identities = new AssignmentIdentities(shapes.tenantId(), userAssignedIdentity);
    }

    @Override
    public JsonNode validate(io.rampart.server.arm.ArmId serverId, JsonNode body, Caller caller, Optional<StoredResource> previous) {
        ArmId id = GovernanceIds.of(serverId);
        SystemData.Caller who = caller(caller);
        JsonNode previousJson = previous.map(shapes::shape).orElse(null);
        JsonNode response = switch (kind(serverId.type())) {
            case DEFINITION -> value(governance.validateDefinition(id, body, who, previousJson));
            case SET_DEFINITION -> value(governance.validateSetDefinition(id, body, who, previousJson));
            case ASSIGNMENT -> identities.complete(value(governance.bindAssignment(id, withSystemData(body, previousJson), who)).assignment()
                    .toJson(), previousJson);
            case EXEMPTION -> value(governance.checkExemption(id, withSystemData(body, previousJson), who)).toJson();
        };
        return ResourceShapes.storable(response);
    }

    @Override
    public void stored(StoredResource resource) {
        ArmId id = GovernanceIds.parse(resource.id());
        JsonNode json = shapes.shape(resource);
        SystemData.Caller who = new SystemData.Caller(resource.changedBy() == null ? "rampart" : resource.changedBy(), "User");
        switch (kind(resource.type())) {
            case DEFINITION, SET_DEFINITION -> reportBroken(governance.definitionChanged(id.id()));
            case ASSIGNMENT -> {
                ArmResult<?> r = governance.putAssignment(id, json, who);
                if (!r.isOk()) {
                    LOG.warn("stored policy assignment {} is not in force: {} {}", id, r.error().code(), r.error().message());
                }
            }
            case EXEMPTION -> {
                ArmResult<PolicyExemption> r = governance.putExemption(id, json, who);
                if (!r.isOk()) {
                    LOG.warn("stored policy exemption {} is not in force: {} {}", id, r.error().code(), r.error().message());
                }
            }
        }
    }

    @Override
    public void removed(String removedId, boolean tree) {
        ArmId id = GovernanceIds.parse(removedId);
        if (!tree) {
            switch (kind(id.type())) {
                case DEFINITION, SET_DEFINITION -> reportBroken(governance.definitionChanged(id.id()));
                case ASSIGNMENT -> governance.deleteAssignment(id);
                case EXEMPTION -> governance.deleteExemption(id);
            }
            return;
        }
        List<ArmId> assignments = new ArrayList<>();
        governance.state().assignments().forEach(a -> {
            if (a.assignment().id().isAtOrUnder(id)) {
                assignments.add(a.assignment().id());
            }
        });
        assignments.forEach(governance::deleteAssignment);
        List<ArmId> exemptions = new ArrayList<>();
        governance.state().exemptions().forEach(e -> {
            if (e.id().isAtOrUnder(id)) {
                exemptions.add(e.id());
            }
        });
        exemptions.forEach(governance::deleteExemption);
    }

    @Override
    public Optional<JsonNode> builtIn(String type, String name) {
        return builtIns.builtIn(type, name);
    }

    @Override
    public List<String> builtInNames(String type) {
        return builtIns.builtInNames(type);
    }

    /** The assignments that bind to a definition, and the ones a change of it broke (logged: ARM keeps them, they stop working). */
    private static void reportBroken(Map<ArmId, ArmError> broken) {
        broken.forEach((a, e) -> LOG.warn("policy assignment {} no longer binds to its definition ({} {}); it keeps its previous binding",
                a, e.code(), e.message()));
    }

    private enum Kind { DEFINITION, SET_DEFINITION, ASSIGNMENT, EXEMPTION }

    private static Kind kind(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "microsoft.authorization/policydefinitions" -> Kind.DEFINITION;
            case "microsoft.authorization/policysetdefinitions" -> Kind.SET_DEFINITION;
            case "microsoft.authorization/policyassignments" -> Kind.ASSIGNMENT;
            case "microsoft.authorization/policyexemptions" -> Kind.EXEMPTION;
            default -> throw new IllegalArgumentException("not a policy object type: " + type);
        };
    }

    static SystemData.Caller caller(Caller caller) {
        return caller == null ? SystemData.Caller.SYSTEM : new SystemData.Caller(caller.principalId(), "User");
    }

    /** The previous systemData, so a replacement keeps its creation fields and instance id. */
    private static JsonNode withSystemData(JsonNode body, JsonNode previous) {
        if (previous == null || !previous.has("systemData") || !body.isObject()) {
            return body;
        }
        com.fasterxml.jackson.databind.node.ObjectNode copy = body.deepCopy();
        copy.set("systemData", previous.get("systemData"));
        return copy;
    }

    static <T> T value(ArmResult<T> r) {
        if (!r.isOk()) {
            throw ArmException.withBody(r.error().status(), r.error().toJson());
        }
        return r.value();
    }
}
