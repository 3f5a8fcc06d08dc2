package io.rampart.governance.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * One policy state: the compliance of one resource with one member of one assignment, in the
 * shape Microsoft.PolicyInsights policyStates/latest returns (PolicyStates_QueryResourceGroupScope
 * example, 2024-10-01). {@link #toJson} is one {@code value} entry; query and summarize work on
 * that JSON, so property names in {@code $filter} are the same as in the response (matched without
 * regard to case, as OData does for these properties).
 *
 * @param policyAssignmentParameters  the assignment's parameters as ARM JSON text ({@code {"p":{"value":...}}})
 * @param effectiveParameters         the member's parameters in force, as JSON text
 * @param complianceState             Compliant, NonCompliant, Exempt, Conflict, Protected, Unknown, Error or NotStarted
 * @param evaluationDetails           {@code policyEvaluationDetails} (evaluatedExpressions, ifNotExistsDetails); returned with $expand
 */
public record PolicyStateRecord(Instant timestamp, String resourceId, String resourceType, String resourceLocation, String resourceGroup,
                                String subscriptionId, JsonNode resourceTags, String policyAssignmentId, String policyAssignmentName,
                                String policyAssignmentScope, String policyAssignmentParameters, String policyAssignmentVersion,
                                String policyDefinitionId, String policyDefinitionName, String policyDefinitionAction,
                                String policyDefinitionCategory, String policyDefinitionReferenceId, List<String> policyDefinitionGroupNames,
                                String policyDefinitionVersion, String policySetDefinitionId, String policySetDefinitionName,
                                String policySetDefinitionCategory, String policySetDefinitionVersion, String managementGroupIds,
                                String effectiveParameters, String complianceState, List<String> policyExemptionIds,
                                JsonNode evaluationDetails, String enforcementMode) {

    public PolicyStateRecord {
        policyDefinitionGroupNames = policyDefinitionGroupNames == null ? List.of() : List.copyOf(policyDefinitionGroupNames);
        policyExemptionIds = policyExemptionIds == null ? List.of() : List.copyOf(policyExemptionIds);
    }

    public static final String NOT_STARTED = "NotStarted";

    /** The deprecated isCompliant flag: true only for Compliant. */
    public boolean isCompliant() {
        return "Compliant".equals(complianceState);
    }

    public ObjectNode toJson(boolean expandEvaluationDetails) {
        ObjectNode o = Values.object();
        o.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(timestamp));
        o.put("resourceId", resourceId);
        o.put("policyAssignmentId", policyAssignmentId);
        o.put("policyDefinitionId", policyDefinitionId);
        o.put("effectiveParameters", effectiveParameters);
        o.put("isCompliant", isCompliant());
        o.put("subscriptionId", subscriptionId);
        o.put("resourceType", resourceType);
        o.put("resourceLocation", resourceLocation);
        o.put("resourceGroup", resourceGroup);
        o.put("resourceTags", resourceTags == null ? "" : Values.toJson(resourceTags));
        o.put("policyAssignmentName", policyAssignmentName);
        o.put("policyAssignmentOwner", "tbd");
        o.put("policyAssignmentParameters", policyAssignmentParameters);
        o.put("policyAssignmentScope", policyAssignmentScope);
        o.put("policyDefinitionName", policyDefinitionName);
        o.put("policyDefinitionAction", policyDefinitionAction);
        o.put("policyDefinitionCategory", policyDefinitionCategory == null ? "tbd" : policyDefinitionCategory);
        o.put("policySetDefinitionId", policySetDefinitionId == null ? "" : policySetDefinitionId);
        o.put("policySetDefinitionName", policySetDefinitionName == null ? "" : policySetDefinitionName);
        o.putNull("policySetDefinitionOwner");
        if (policySetDefinitionCategory == null) {
            o.putNull("policySetDefinitionCategory");
        } else {
            o.put("policySetDefinitionCategory", policySetDefinitionCategory);
        }
        o.putNull("policySetDefinitionParameters");
        o.put("managementGroupIds", managementGroupIds);
        o.put("policyDefinitionReferenceId", policyDefinitionReferenceId == null ? "" : policyDefinitionReferenceId);
        o.put("complianceState", complianceState);
        ArrayNode groups = o.putArray("policyDefinitionGroupNames");
        policyDefinitionGroupNames.forEach(groups::add);
        o.put("policyDefinitionVersion", policyDefinitionVersion);
        o.put("policySetDefinitionVersion", policySetDefinitionVersion);
        o.put("policyAssignmentVersion", policyAssignmentVersion);
        if (expandEvaluationDetails && evaluationDetails != null) {
            o.set("policyEvaluationDetails", evaluationDetails);
        }
        return o;
    }

    private static final ObjectMapper TAGS = new ObjectMapper();

    /**
     * Reads a record back from {@link #toJson toJson(true)} (how the server stores them). Missing
     * fields read as null; policyExemptionIds and enforcementMode, which the JSON does not carry,
     * come from {@code extra} ({@code {"policyExemptionIds": [...], "enforcementMode": "..."}}) when given.
     */
    public static PolicyStateRecord fromJson(JsonNode o, JsonNode extra) {
        String tagsText = text(o, "resourceTags");
        JsonNode tags = null;
        if (tagsText != null && !tagsText.isEmpty()) {
            try {
                tags = TAGS.readTree(tagsText);
            } catch (JsonProcessingException e) {
                tags = null; // not JSON (Azure's examples say "tbd"): no tags
            }
        }
        List<String> groups = new ArrayList<>();
        o.path("policyDefinitionGroupNames").forEach(g -> groups.add(g.asText()));
        List<String> exemptions = new ArrayList<>();
        JsonNode x = extra == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : extra;
        x.path("policyExemptionIds").forEach(e -> exemptions.add(e.asText()));
        String ts = text(o, "timestamp");
        JsonNode details = o.get("policyEvaluationDetails");
        return new PolicyStateRecord(ts == null ? Instant.EPOCH : Instant.parse(ts), text(o, "resourceId"), text(o, "resourceType"),
                text(o, "resourceLocation"), text(o, "resourceGroup"), text(o, "subscriptionId"), tags, text(o, "policyAssignmentId"),
                text(o, "policyAssignmentName"), text(o, "policyAssignmentScope"), text(o, "policyAssignmentParameters"),
                text(o, "policyAssignmentVersion"), text(o, "policyDefinitionId"), text(o, "policyDefinitionName"),
                text(o, "policyDefinitionAction"), text(o, "policyDefinitionCategory"), emptyToNull(text(o, "policyDefinitionReferenceId")),
                groups, text(o, "policyDefinitionVersion"), emptyToNull(text(o, "policySetDefinitionId")),
                emptyToNull(text(o, "policySetDefinitionName")), text(o, "policySetDefinitionCategory"), text(o, "policySetDefinitionVersion"),
                text(o, "managementGroupIds"), text(o, "effectiveParameters"), text(o, "complianceState"), exemptions,
                details == null || details.isNull() ? null : details, x.path("enforcementMode").isTextual() ? x.get("enforcementMode").asText() : null);
    }

    private static String text(JsonNode o, String k) {
        JsonNode v = o.get(k);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
