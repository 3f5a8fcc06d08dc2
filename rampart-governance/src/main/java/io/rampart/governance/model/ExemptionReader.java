package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the body of a policy exemption PUT (exemption-structure.md): policyAssignmentId and
 * exemptionCategory are required; expiresOn is an ISO 8601 date-time; resource selectors as for
 * assignments. Whether the assignment exists is the caller's check (it holds the assignments).
 */
public final class ExemptionReader {

    private ExemptionReader() {
    }

    public static ArmResult<PolicyExemption> read(ArmId id, JsonNode body, SystemData systemData) {
        if (!id.isResource() || !id.type().equalsIgnoreCase(PolicyExemption.TYPE)) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyExemptionId", "The id '" + id.id()
                    + "' is not a policy exemption id ({scope}/providers/Microsoft.Authorization/policyExemptions/{name})."));
        }
        try {
            JsonNode props = JsonBody.properties(body);
            String p = "$.properties";
            String assignment = JsonBody.string(props, "policyAssignmentId", p);
            if (assignment == null) {
                return invalid("The property 'policyAssignmentId' is required.");
            }
            ArmId assignmentId;
            try {
                assignmentId = ArmId.parse(assignment);
            } catch (InvalidArmIdException e) {
                return invalid("The policy assignment id '" + assignment + "' is not valid.");
            }
            String categoryText = JsonBody.string(props, "exemptionCategory", p);
            if (categoryText == null) {
                return invalid("The property 'exemptionCategory' is required.");
            }
            ExemptionCategory category = ExemptionCategory.parse(categoryText);
            if (category == null) {
                throw new JsonBody.BodyException(p + ".exemptionCategory", "'" + categoryText + "' is not one of 'Waiver', 'Mitigated'");
            }
            String expires = JsonBody.string(props, "expiresOn", p);
            Instant expiresOn = null;
            if (expires != null) {
                try {
                    expiresOn = OffsetDateTime.parse(expires).toInstant();
                } catch (DateTimeParseException e) {
                    try {
                        expiresOn = Instant.parse(expires);
                    } catch (DateTimeParseException e2) {
                        throw new JsonBody.BodyException(p + ".expiresOn", "'" + expires + "' is not an ISO 8601 date-time");
                    }
                }
            }
            List<String> refs = JsonBody.strings(props, "policyDefinitionReferenceIds", p);
            List<ResourceSelector> selectors = SelectorReader.resourceSelectors(props, p);
            String validation = JsonBody.string(props, "assignmentScopeValidation", p);
            if (validation != null && !validation.equalsIgnoreCase("Default") && !validation.equalsIgnoreCase("DoNotValidate")) {
                throw new JsonBody.BodyException(p + ".assignmentScopeValidation", "'" + validation + "' is not one of 'Default', 'DoNotValidate'");
            }
            return ArmResult.ok(new PolicyExemption(id, JsonBody.string(props, "displayName", p), JsonBody.string(props, "description", p),
                    JsonBody.object(props, "metadata", p), assignmentId, category, refs, expiresOn, selectors, validation, systemData));
        } catch (JsonBody.BodyException e) {
            return ArmResult.failed(ArmError.badRequest(AssignmentReader.INVALID_CONTENT,
                    "The request content was invalid and could not be deserialized: '" + e.getMessage() + " at " + e.path + "'."));
        } catch (SelectorReader.RuleException e) {
            return invalid(e.getMessage());
        }
    }

    private static <T> ArmResult<T> invalid(String detail) {
        return ArmResult.failed(ArmError.badRequest("InvalidCreatePolicyExemptionRequest", "The policy exemption request is invalid. " + detail));
    }
}
