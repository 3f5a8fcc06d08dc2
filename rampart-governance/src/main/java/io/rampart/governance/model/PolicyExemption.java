package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.scope.ArmId;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * A policy exemption (Microsoft.Authorization/policyExemptions): exempts the resources at or
 * below its scope from one assignment, or from some of an initiative's members, until it expires.
 *
 * @param policyDefinitionReferenceIds empty: every member of the assignment
 * @param expiresOn                    null: never expires
 * @param assignmentScopeValidation    Default or DoNotValidate
 */
public record PolicyExemption(ArmId id, String displayName, String description, JsonNode metadata, ArmId policyAssignmentId,
                              ExemptionCategory exemptionCategory, List<String> policyDefinitionReferenceIds, Instant expiresOn,
                              List<ResourceSelector> resourceSelectors, String assignmentScopeValidation, SystemData systemData) {

    public static final String TYPE = "Microsoft.Authorization/policyExemptions";

    public PolicyExemption {
        policyDefinitionReferenceIds = List.copyOf(policyDefinitionReferenceIds);
        resourceSelectors = List.copyOf(resourceSelectors);
    }

    public String name() {
        return id.name();
    }

    /** The scope exempted: the exemption id's parent. */
    public ArmId scope() {
        return id.parent() == null ? ArmId.TENANT : id.parent();
    }

    /** Expired exemptions no longer exempt anything (exemption-structure.md, expiration). */
    public boolean activeAt(Instant now) {
        return expiresOn == null || now.isBefore(expiresOn);
    }

    /** Whether the exemption covers a member of the assignment (no reference ids: all members). */
    public boolean coversReference(String referenceId) {
        if (policyDefinitionReferenceIds.isEmpty()) {
            return true;
        }
        return referenceId != null && policyDefinitionReferenceIds.stream().anyMatch(r -> r.equalsIgnoreCase(referenceId));
    }

    public ObjectNode toJson() {
        ObjectNode root = Values.object();
        ObjectNode p = root.putObject("properties");
        p.put("policyAssignmentId", policyAssignmentId.id());
        if (!policyDefinitionReferenceIds.isEmpty()) {
            ArrayNode a = p.putArray("policyDefinitionReferenceIds");
            policyDefinitionReferenceIds.forEach(a::add);
        }
        p.put("exemptionCategory", exemptionCategory.json());
        if (expiresOn != null) {
            p.put("expiresOn", DateTimeFormatter.ISO_INSTANT.format(expiresOn));
        }
        if (displayName != null) {
            p.put("displayName", displayName);
        }
        if (description != null) {
            p.put("description", description);
        }
        if (metadata != null) {
            p.set("metadata", metadata);
        }
        if (!resourceSelectors.isEmpty()) {
            ArrayNode a = p.putArray("resourceSelectors");
            for (ResourceSelector r : resourceSelectors) {
                a.addObject().put("name", r.name()).set("selectors", PolicyAssignment.selectorsJson(r.selectors()));
            }
        }
        if (assignmentScopeValidation != null) {
            p.put("assignmentScopeValidation", assignmentScopeValidation);
        }
        if (systemData != null) {
            root.set("systemData", systemData.toJson());
        }
        root.put("id", id.id());
        root.put("type", TYPE);
        root.put("name", name());
        return root;
    }
}
