package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.scope.ArmId;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A policy assignment as ARM serves it (Microsoft.Authorization/policyAssignments). Read and
 * validated by {@link AssignmentReader}; {@link #toJson()} is the GET/PUT response body.
 *
 * @param id                    {@code {scope}/providers/Microsoft.Authorization/policyAssignments/{name}}
 * @param parameters            parameter name to value (unwrapped from {@code {"value": ...}}), in the order given
 * @param definitionVersion     as given, or the default ARM fills in; may be null
 * @param identity              as given (principalId/tenantId are the server's to fill in); may be null
 * @param instanceId            a stable GUID for this assignment instance
 */
public record PolicyAssignment(ArmId id, String displayName, String description, JsonNode metadata, String policyDefinitionId,
                               String definitionVersion, List<ArmId> notScopes, Map<String, JsonNode> parameters,
                               EnforcementMode enforcementMode, List<NonComplianceMessage> nonComplianceMessages,
                               List<AssignmentOverride> overrides, List<ResourceSelector> resourceSelectors, JsonNode identity,
                               String location, String instanceId, SystemData systemData) {

    public static final String TYPE = "Microsoft.Authorization/policyAssignments";

    public PolicyAssignment {
        notScopes = List.copyOf(notScopes);
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        nonComplianceMessages = List.copyOf(nonComplianceMessages);
        overrides = List.copyOf(overrides);
        resourceSelectors = List.copyOf(resourceSelectors);
    }

    public String name() {
        return id.name();
    }

    /** The scope the assignment is made at: its id's parent. */
    public ArmId scope() {
        return id.parent() == null ? ArmId.TENANT : id.parent();
    }

    /** True when {@code policyDefinitionId} names an initiative (policySetDefinitions). */
    public boolean assignsInitiative() {
        return policyDefinitionId.toLowerCase(Locale.ROOT).contains("/providers/microsoft.authorization/policysetdefinitions/");
    }

    /** The display name, or the name when there is none (what Azure shows in deny messages). */
    public String label() {
        return displayName != null && !displayName.isEmpty() ? displayName : name();
    }

    /** The message for a member (its own message first, then the assignment's), or null. */
    public String messageFor(String referenceId) {
        String general = null;
        for (NonComplianceMessage m : nonComplianceMessages) {
            if (m.policyDefinitionReferenceId() == null) {
                general = general == null ? m.message() : general;
            } else if (referenceId != null && m.policyDefinitionReferenceId().equalsIgnoreCase(referenceId)) {
                return m.message();
            }
        }
        return general;
    }

    /** {@code {"name": {"value": v}}}, as ARM returns assignment parameters. */
    public ObjectNode parametersJson() {
        ObjectNode p = Values.object();
        parameters.forEach((k, v) -> p.putObject(k).set("value", v));
        return p;
    }

    /** The response body, in the shape of the Authorization REST examples (2025-03-01). */
    public ObjectNode toJson() {
        ObjectNode root = Values.object();
        ObjectNode props = root.putObject("properties");
        if (displayName != null) {
            props.put("displayName", displayName);
        }
        if (description != null) {
            props.put("description", description);
        }
        if (metadata != null) {
            props.set("metadata", metadata);
        }
        props.put("policyDefinitionId", policyDefinitionId);
        if (definitionVersion != null) {
            props.put("definitionVersion", definitionVersion);
        }
        ArrayNode ns = props.putArray("notScopes");
        notScopes.forEach(n -> ns.add(n.id()));
        if (!parameters.isEmpty()) {
            props.set("parameters", parametersJson());
        }
        props.put("enforcementMode", enforcementMode.json());
        props.put("scope", scope().id());
        if (!nonComplianceMessages.isEmpty()) {
            ArrayNode a = props.putArray("nonComplianceMessages");
            for (NonComplianceMessage m : nonComplianceMessages) {
                ObjectNode o = a.addObject().put("message", m.message());
                if (m.policyDefinitionReferenceId() != null) {
                    o.put("policyDefinitionReferenceId", m.policyDefinitionReferenceId());
                }
            }
        }
        if (!overrides.isEmpty()) {
            ArrayNode a = props.putArray("overrides");
            for (AssignmentOverride o : overrides) {
                ObjectNode x = a.addObject().put("kind", o.kind()).put("value", o.value());
                if (!o.selectors().isEmpty()) {
                    x.set("selectors", selectorsJson(o.selectors()));
                }
            }
        }
        if (!resourceSelectors.isEmpty()) {
            ArrayNode a = props.putArray("resourceSelectors");
            for (ResourceSelector r : resourceSelectors) {
                a.addObject().put("name", r.name()).set("selectors", selectorsJson(r.selectors()));
            }
        }
        if (instanceId != null) {
            props.put("instanceId", instanceId);
        }
        if (identity != null) {
            root.set("identity", identity);
        }
        if (location != null) {
            root.put("location", location);
        }
        root.put("id", id.id());
        root.put("type", TYPE);
        root.put("name", name());
        if (systemData != null) {
            root.set("systemData", systemData.toJson());
        }
        return root;
    }

    static ArrayNode selectorsJson(List<Selector> selectors) {
        ArrayNode a = Values.array();
        for (Selector s : selectors) {
            ObjectNode o = a.addObject().put("kind", s.kind());
            if (s.in() != null) {
                ArrayNode in = o.putArray("in");
                s.in().forEach(in::add);
            }
            if (s.notIn() != null) {
                ArrayNode in = o.putArray("notIn");
                s.notIn().forEach(in::add);
            }
        }
        return a;
    }
}
