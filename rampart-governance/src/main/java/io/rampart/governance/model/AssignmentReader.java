package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the body of a policy assignment PUT and checks its structure, as ARM does before it looks
 * at the definition: JSON shape (InvalidRequestContent), enforcement mode, not-scopes, messages,
 * overrides and resource selectors (InvalidCreatePolicyAssignmentRequest). Whether the definition
 * exists and the parameters fit is {@code AssignmentBinder}'s job.
 */
public final class AssignmentReader {

    static final String INVALID_CONTENT = "InvalidRequestContent";
    static final String INVALID_REQUEST = "InvalidCreatePolicyAssignmentRequest";

    private AssignmentReader() {
    }

    public static ArmResult<PolicyAssignment> read(ArmId id, JsonNode body, SystemData systemData, String instanceId) {
        if (!id.isResource() || !id.type().equalsIgnoreCase(PolicyAssignment.TYPE)) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyAssignmentId", "The id '" + id.id()
                    + "' is not a policy assignment id ({scope}/providers/Microsoft.Authorization/policyAssignments/{name})."));
        }
        try {
            JsonNode props = JsonBody.properties(body);
            String p = "$.properties";
            String definitionId = JsonBody.string(props, "policyDefinitionId", p);
            if (definitionId == null || definitionId.isBlank()) {
                return invalid("The property 'policyDefinitionId' is required.");
            }
            String displayName = JsonBody.string(props, "displayName", p);
            if (displayName != null && displayName.length() > 128) {
                return invalid("The display name has " + displayName.length() + " characters; the maximum is 128.");
            }
            String description = JsonBody.string(props, "description", p);
            if (description != null && description.length() > 512) {
                return invalid("The description has " + description.length() + " characters; the maximum is 512.");
            }
            String modeText = JsonBody.string(props, "enforcementMode", p);
            EnforcementMode mode = modeText == null ? EnforcementMode.DEFAULT : EnforcementMode.parse(modeText);
            if (mode == null) {
                throw new JsonBody.BodyException(p + ".enforcementMode", "'" + modeText + "' is not one of 'Default', 'DoNotEnforce'");
            }
            List<ArmId> notScopes = new ArrayList<>();
            List<String> notScopeText = JsonBody.strings(props, "notScopes", p);
            for (String s : notScopeText) {
                try {
                    notScopes.add(ArmId.parse(s));
                } catch (InvalidArmIdException e) {
                    return invalid("The excluded scope '" + s + "' is not a valid scope: " + e.getMessage());
                }
            }
            Map<String, JsonNode> parameters = new LinkedHashMap<>();
            JsonNode params = JsonBody.object(props, "parameters", p);
            if (params != null) {
                for (var e : params.properties()) {
                    JsonNode wrapper = e.getValue();
                    if (!wrapper.isObject() || JsonBody.get(wrapper, "value") == null && !wrapper.has("value")) {
                        throw new JsonBody.BodyException(p + ".parameters." + e.getKey(), "expected {\"value\": ...}");
                    }
                    JsonNode v = io.rampart.expression.Values.property(wrapper, "value");
                    parameters.put(e.getKey(), v);
                }
            }
            List<NonComplianceMessage> messages = new ArrayList<>();
            List<JsonNode> rawMessages = JsonBody.array(props, "nonComplianceMessages", p);
            for (int i = 0; i < rawMessages.size(); i++) {
                String mp = p + ".nonComplianceMessages[" + i + "]";
                String message = JsonBody.string(rawMessages.get(i), "message", mp);
                if (message == null || message.isEmpty()) {
                    return invalid("Non-compliance message " + i + " must have a 'message'.");
                }
                if (message.length() > 1024) {
                    return invalid("Non-compliance message " + i + " has " + message.length() + " characters; the maximum is 1024.");
                }
                messages.add(new NonComplianceMessage(message, JsonBody.string(rawMessages.get(i), "policyDefinitionReferenceId", mp)));
            }
            List<AssignmentOverride> overrides = new ArrayList<>();
            List<JsonNode> rawOverrides = JsonBody.array(props, "overrides", p);
            if (rawOverrides.size() > 10) {
                return invalid("At most 10 overrides can be specified; found " + rawOverrides.size() + ".");
            }
            for (int i = 0; i < rawOverrides.size(); i++) {
                String op = p + ".overrides[" + i + "]";
                String kind = JsonBody.string(rawOverrides.get(i), "kind", op);
                boolean effect = AssignmentOverride.POLICY_EFFECT.equalsIgnoreCase(kind);
                boolean version = "definitionVersion".equalsIgnoreCase(kind) || "policyVersion".equalsIgnoreCase(kind);
                if (!effect && !version) {
                    return invalid("The override kind '" + kind + "' is not supported; supported kinds are 'policyEffect', 'definitionVersion'.");
                }
                String value = JsonBody.string(rawOverrides.get(i), "value", op);
                if (value == null || value.isBlank()) {
                    return invalid("Override " + i + " must have a 'value'.");
                }
                List<Selector> selectors = SelectorReader.selectors(rawOverrides.get(i), op,
                        effect ? Set.of(Selector.REFERENCE_ID, Selector.RESOURCE_LOCATION) : Set.of(Selector.RESOURCE_LOCATION),
                        "override " + i);
                overrides.add(new AssignmentOverride(effect ? AssignmentOverride.POLICY_EFFECT : kind, value, selectors));
            }
            List<ResourceSelector> resourceSelectors = SelectorReader.resourceSelectors(props, p);
            String definitionVersion = JsonBody.string(props, "definitionVersion", p);
            JsonNode identity = JsonBody.object(body, "identity", "$");
            String location = JsonBody.string(body, "location", "$");
            JsonNode metadata = JsonBody.object(props, "metadata", p);
            return ArmResult.ok(new PolicyAssignment(id, displayName, description, metadata, definitionId, definitionVersion, notScopes,
                    parameters, mode, messages, overrides, resourceSelectors, identity, location, instanceId, systemData));
        } catch (JsonBody.BodyException e) {
            return ArmResult.failed(ArmError.badRequest(INVALID_CONTENT,
                    "The request content was invalid and could not be deserialized: '" + e.getMessage() + " at " + e.path + "'."));
        } catch (SelectorReader.RuleException e) {
            return invalid(e.getMessage());
        }
    }

    private static <T> ArmResult<T> invalid(String detail) {
        return ArmResult.failed(ArmError.badRequest(INVALID_REQUEST, "The policy assignment request is invalid. " + detail));
    }
}
