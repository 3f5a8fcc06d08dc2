package io.rampart.governance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.catalog.AssignmentBinder;
import io.rampart.governance.catalog.BoundAssignment;
import io.rampart.governance.catalog.DefinitionSource;
import io.rampart.governance.catalog.DefinitionValidator;
import io.rampart.governance.catalog.PolicyCatalog;
import io.rampart.governance.compliance.ComplianceEvaluator;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.DeleteRequest;
import io.rampart.governance.enforce.AliasModifiability;
import io.rampart.governance.enforce.Enforcer;
import io.rampart.governance.remediate.RemediationAction;
import io.rampart.governance.remediate.RemediationPlanner;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.model.AssignmentReader;
import io.rampart.governance.model.ExemptionReader;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.model.PolicyExemption;
import io.rampart.governance.preview.ImpactPreview;
import io.rampart.governance.preview.ImpactReport;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.policy.FieldResolver;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The governance core of the control plane: what the ARM-compatible server calls. It holds the
 * compiled, bound state of every assignment and exemption (one immutable {@link GovernanceState},
 * swapped atomically on change) and answers enforcement, compliance and preview questions against
 * it. No I/O: the server's store is the source of truth and replays its assignments and
 * exemptions here at start ({@link #putAssignment} with the stored body), definitions come through
 * {@link DefinitionSource}, resources through {@link ResourceInventory}, time from the clock.
 *
 * <p>Writes ({@code put*}, {@code delete*}, {@link #setHierarchy}, {@link #definitionChanged}) are
 * serialised; reads and evaluations run concurrently against the current snapshot.
 */
public final class Governance {

    private final PolicyCatalog catalog;
    private final AssignmentBinder binder;
    private final DefinitionValidator definitions;
    private final Enforcer enforcer;
    private final RemediationPlanner planner;
    private final FieldResolver fields;
    private final Clock clock;
    private final AtomicReference<GovernanceState> state;

    public Governance(BuiltInLibrary library, DefinitionSource custom, Hierarchy hierarchy, Clock clock) {
        this(library, custom, hierarchy, clock, AliasModifiability.ALL);
    }

    /** @param modifiability which aliases Modify may change in which API versions (effect-modify.md); {@link AliasModifiability#ALL} without metadata */
    public Governance(BuiltInLibrary library, DefinitionSource custom, Hierarchy hierarchy, Clock clock, AliasModifiability modifiability) {
        this.catalog = new PolicyCatalog(library, custom);
        this.binder = new AssignmentBinder(catalog);
        this.definitions = new DefinitionValidator(catalog);
        this.clock = clock;
        this.fields = new FieldResolver(library.aliases());
        this.enforcer = new Enforcer(fields, clock, false, modifiability); // outcomes without explanations; the 403 re-evaluates its violations with them
        this.planner = new RemediationPlanner(enforcer, clock);
        this.state = new AtomicReference<>(GovernanceState.empty(hierarchy));
    }

    public GovernanceState state() {
        return state.get();
    }

    public PolicyCatalog catalog() {
        return catalog;
    }

    public Clock clock() {
        return clock;
    }

    public synchronized void setHierarchy(Hierarchy hierarchy) {
        state.set(state.get().withHierarchy(hierarchy));
    }

    // ---- policy definitions and initiatives -------------------------------------------------------

    /** Validates a custom definition PUT; the value is the response body to store and return. Call {@link #definitionChanged} after storing. */
    public ArmResult<ObjectNode> validateDefinition(ArmId id, JsonNode body, SystemData.Caller caller, JsonNode previous) {
        return definitions.definition(id, body, SystemData.modified(previous == null ? null : SystemData.read(previous.get("systemData")), caller,
                clock.instant()));
    }

    /** Validates a custom initiative PUT; as {@link #validateDefinition}. */
    public ArmResult<ObjectNode> validateSetDefinition(ArmId id, JsonNode body, SystemData.Caller caller, JsonNode previous) {
        return definitions.setDefinition(id, body, SystemData.modified(previous == null ? null : SystemData.read(previous.get("systemData")),
                caller, clock.instant()));
    }

    /** A built-in definition or initiative as ARM serves it, by id; empty when unknown. */
    public Optional<JsonNode> builtIn(String id) {
        BuiltInLibrary lib = catalog.library();
        return lib.findDefinition(id).or(() -> lib.findInitiative(id)).map(lib::json);
    }

    /**
     * A custom definition or initiative changed or was deleted: recompile it and rebind every
     * assignment that uses it. Assignments that no longer bind keep their previous binding and are
     * returned with the error, so the server can report them.
     */
    public synchronized Map<ArmId, ArmError> definitionChanged(String id) {
        catalog.invalidate(id);
        GovernanceState s = state.get();
        Map<ArmId, BoundAssignment> rebound = new LinkedHashMap<>();
        Map<ArmId, ArmError> broken = new LinkedHashMap<>();
        String key = id.toLowerCase(Locale.ROOT);
        for (BoundAssignment a : s.assignments()) {
            boolean uses = a.assignment().policyDefinitionId().toLowerCase(Locale.ROOT).equals(key)
                    || a.members().stream().anyMatch(m -> m.definitionId().toLowerCase(Locale.ROOT).equals(key));
            if (!uses) {
                continue;
            }
            ArmResult<BoundAssignment> r = binder.bind(a.assignment());
            if (r.isOk()) {
                rebound.put(a.assignment().id(), r.value());
            } else {
                broken.put(a.assignment().id(), r.error());
            }
        }
        state.set(s.withAssignments(rebound));
        return broken;
    }

    // ---- assignments ------------------------------------------------------------------------------

    /**
     * Creates or replaces an assignment: reads and checks the body, checks it against its
     * definition or initiative, binds it, and puts it in force. The value is the assignment as
     * ARM returns it ({@link PolicyAssignment#toJson()}); nothing changes on failure.
     */
    public synchronized ArmResult<PolicyAssignment> putAssignment(ArmId id, JsonNode body, SystemData.Caller caller) {
        ArmResult<BoundAssignment> bound = bindAssignment(id, body, caller);
        if (!bound.isOk()) {
            return ArmResult.failed(bound.error());
        }
        state.set(state.get().withAssignment(bound.value()));
        return ArmResult.ok(bound.value().assignment());
    }

    /** Reads, checks and binds an assignment without putting it in force (used by the impact preview and the server's checks). */
    public ArmResult<BoundAssignment> bindAssignment(ArmId id, JsonNode body, SystemData.Caller caller) {
        BoundAssignment existing = state.get().assignment(id);
        SystemData previous = existing == null ? null : existing.assignment().systemData();
        SystemData sd = SystemData.modified(previous != null ? previous : SystemData.read(body == null ? null : body.get("systemData")), caller,
                clock.instant());
        String instanceId = existing != null && existing.assignment().instanceId() != null ? existing.assignment().instanceId()
                : UUID.nameUUIDFromBytes((id.key() + "|" + sd.createdAt()).getBytes(StandardCharsets.UTF_8)).toString();
        ArmResult<PolicyAssignment> read = AssignmentReader.read(id, body, sd, instanceId);
        if (!read.isOk()) {
            return ArmResult.failed(read.error());
        }
        return binder.bind(read.value());
    }

    public Optional<PolicyAssignment> assignment(ArmId id) {
        BoundAssignment a = state.get().assignment(id);
        return a == null ? Optional.empty() : Optional.of(a.assignment());
    }

    /** The assignments in force at a scope and above it (ARM's list "atScope" semantics are the server's to filter). */
    public List<PolicyAssignment> assignmentsAbove(ArmId scope) {
        List<PolicyAssignment> out = new ArrayList<>();
        state.get().assignmentsAbove(scope).forEach(a -> out.add(a.assignment()));
        return out;
    }

    /** Removes an assignment; false when it did not exist. Its exemptions stay (as in Azure) but exempt nothing. */
    public synchronized boolean deleteAssignment(ArmId id) {
        GovernanceState s = state.get();
        if (s.assignment(id) == null) {
            return false;
        }
        state.set(s.withoutAssignment(id));
        return true;
    }

    // ---- exemptions -------------------------------------------------------------------------------

    /**
     * Creates or replaces an exemption. The assignment must exist; unless
     * assignmentScopeValidation is DoNotValidate the exemption's scope must be at or below the
     * assignment's; reference ids must name members of the assigned initiative.
     */
    public synchronized ArmResult<PolicyExemption> putExemption(ArmId id, JsonNode body, SystemData.Caller caller) {
        ArmResult<PolicyExemption> checked = checkExemption(id, body, caller);
        if (checked.isOk()) {
            state.set(state.get().withExemption(checked.value()));
        }
        return checked;
    }

    /**
     * Reads and checks an exemption as {@link #putExemption} does, without putting it in force (the
     * server checks before it stores, and puts it in force once the store has committed).
     */
    public ArmResult<PolicyExemption> checkExemption(ArmId id, JsonNode body, SystemData.Caller caller) {
        GovernanceState s = state.get();
        PolicyExemption existing = s.exemption(id);
        SystemData previous = existing != null ? existing.systemData() : SystemData.read(body == null ? null : body.get("systemData"));
        SystemData sd = SystemData.modified(previous, caller, clock.instant());
        ArmResult<PolicyExemption> read = ExemptionReader.read(id, body, sd);
        if (!read.isOk()) {
            return read;
        }
        PolicyExemption e = read.value();
        BoundAssignment a = s.assignment(e.policyAssignmentId());
        if (a == null) {
            return ArmResult.failed(ArmError.badRequest("PolicyAssignmentNotFound", "The policy assignment '" + e.policyAssignmentId().id()
                    + "' is not found."));
        }
        if (!"DoNotValidate".equalsIgnoreCase(e.assignmentScopeValidation()) && !s.hierarchy().covers(a.assignment().scope(), e.scope())) {
            return ArmResult.failed(ArmError.badRequest("InvalidCreatePolicyExemptionRequest", "The policy exemption request is invalid. "
                    + "The exemption scope '" + e.scope().id() + "' is not at or under the scope '" + a.assignment().scope().id()
                    + "' of policy assignment '" + a.assignment().id().id() + "'."));
        }
        List<String> unknown = new ArrayList<>();
        for (String ref : e.policyDefinitionReferenceIds()) {
            if (a.members().stream().noneMatch(m -> ref.equalsIgnoreCase(m.referenceId()))) {
                unknown.add(ref);
            }
        }
        if (!unknown.isEmpty()) {
            return ArmResult.failed(ArmError.badRequest("InvalidCreatePolicyExemptionRequest", "The policy exemption request is invalid. "
                    + "The following policy definition reference IDs do not exist in the assigned policy set definition: '"
                    + String.join(", ", unknown) + "'."));
        }
        return read;
    }

    public Optional<PolicyExemption> exemption(ArmId id) {
        return Optional.ofNullable(state.get().exemption(id));
    }

    public synchronized boolean deleteExemption(ArmId id) {
        GovernanceState s = state.get();
        if (s.exemption(id) == null) {
            return false;
        }
        state.set(s.withoutExemption(id));
        return true;
    }

    // ---- enforcement ------------------------------------------------------------------------------

    /** Enforces policy on a PUT/PATCH: Allowed (maybe with a changed body) or Denied with the 403 to return. */
    public Decision enforceWrite(WriteRequest request, ResourceInventory inventory) {
        return enforcer.write(state.get(), request, inventory);
    }

    /** Enforces DenyAction on a DELETE. */
    public Decision enforceDelete(DeleteRequest request, ResourceInventory inventory) {
        return enforcer.delete(state.get(), request, inventory);
    }

    // ---- remediation ------------------------------------------------------------------------------

    /**
     * What remediating one resource for an assignment (and a member of its initiative) takes now:
     * the Modify write, the DeployIfNotExists deployment, nothing (already compliant), or why it
     * can't be done. The remediation engine (rampart-remediation) calls this per resource.
     */
    public RemediationAction remediationAction(ArmId assignmentId, String referenceId, ArmId resourceId, JsonNode resource,
                                               ResourceInventory inventory) {
        return planner.plan(state.get(), assignmentId, referenceId, resourceId, resource, inventory);
    }

    // ---- compliance and preview -------------------------------------------------------------------

    /** The policy states of one resource (after a write, or for AINE/DINE pending evaluation). */
    public List<PolicyStateRecord> evaluateResource(ArmId id, JsonNode resource, ResourceInventory inventory) {
        return new ComplianceEvaluator(state.get(), clock, inventory, fields).evaluate(id, resource);
    }

    /** As {@link #evaluateResource(ArmId, JsonNode, ResourceInventory)}; without {@code explain} no policyEvaluationDetails (faster scans). */
    public List<PolicyStateRecord> evaluateResource(ArmId id, JsonNode resource, ResourceInventory inventory, boolean explain) {
        return new ComplianceEvaluator(state.get(), clock, inventory, fields, explain).evaluate(id, resource);
    }

    /** The policy states of every resource at or below a scope (a compliance scan), with evaluation details. */
    public List<PolicyStateRecord> evaluateScope(ArmId scope, ResourceInventory inventory) {
        return evaluateScope(scope, inventory, true);
    }

    /** As {@link #evaluateScope(ArmId, ResourceInventory)}; without {@code explain} records carry no policyEvaluationDetails (faster). */
    public List<PolicyStateRecord> evaluateScope(ArmId scope, ResourceInventory inventory, boolean explain) {
        return new ComplianceEvaluator(state.get(), clock, inventory, fields, explain).evaluateScope(scope);
    }

    /**
     * NotStarted records for the resources an assignment covers, for the server to store when an
     * assignment is created or changed, until its evaluation has run.
     */
    public List<PolicyStateRecord> notStartedStates(ArmId assignmentId, ResourceInventory inventory) {
        GovernanceState s = state.get();
        BoundAssignment a = s.assignment(assignmentId);
        List<PolicyStateRecord> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        GovernanceState only = GovernanceState.of(s.hierarchy(), List.of(a), s.exemptionsFor(assignmentId));
        for (JsonNode r : inventory.resourcesUnder(a.assignment().scope())) {
            JsonNode idNode = r.get("id");
            if (idNode == null || !idNode.isTextual()) {
                continue;
            }
            ArmId id = ArmId.parse(idNode.textValue());
            var view = io.rampart.governance.eval.PolicyEvaluator.policyView(id, r);
            var facts = new io.rampart.governance.eval.Applicability.Facts(id, id.type(), io.rampart.governance.eval.PolicyEvaluator.location(view));
            for (var t : io.rampart.governance.eval.Applicability.targets(only, facts, clock.instant())) {
                out.add(ComplianceEvaluator.notStarted(t, id, view, clock.instant(), s.hierarchy().managementGroupNames(id)));
            }
        }
        return out;
    }

    /**
     * Impact preview (a Rampart extension): what a proposed assignment — new, or an existing one
     * with enforcementMode switched to Default — would make non-compliant and would deny, over
     * every resource in its scope. Nothing is put in force.
     */
    public ArmResult<ImpactReport> preview(ArmId assignmentId, JsonNode proposedBody, ResourceInventory inventory) {
        ArmResult<BoundAssignment> bound = bindAssignment(assignmentId, proposedBody, SystemData.Caller.SYSTEM);
        if (!bound.isOk()) {
            return ArmResult.failed(bound.error());
        }
        return ArmResult.ok(new ImpactPreview(state.get(), clock, inventory, fields).run(bound.value()));
    }
}
