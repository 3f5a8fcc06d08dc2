package io.rampart.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.library.BuiltInLibrary;
import io.rampart.server.arm.ArmErrors;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ArmId;
import io.rampart.store.StoredResource;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Policy objects before the governance module is wired: structural checks ARM makes on every
 * PUT (a properties object; a policyRule for definitions; policyDefinitions for sets; a
 * policyDefinitionId for assignments and exemptions' assignment id), defaults ARM fills in, and
 * the built-in library.
 */
public final class BasicPolicyObjects implements PolicyObjects {

    private final BuiltInLibrary library;

    public BasicPolicyObjects(BuiltInLibrary library) {
        this.library = library;
    }

    @Override
    public JsonNode validate(ArmId id, JsonNode body, Caller caller, Optional<StoredResource> previous) {
        JsonNode properties = body.get("properties");
        if (properties == null || !properties.isObject()) {
            throw ArmErrors.invalidRequestContent("properties: expected an object");
        }
        ObjectNode out = body.deepCopy();
        ObjectNode props = (ObjectNode) out.get("properties");
        switch (id.type().toLowerCase(Locale.ROOT)) {
            case "microsoft.authorization/policydefinitions" -> {
                if (!properties.path("policyRule").isObject()) {
                    throw ArmErrors.badRequest("InvalidPolicyRule", "Failed to parse policy rule: 'The policy rule must be an object with \"if\" and \"then\".'.");
                }
                props.put("policyType", "Custom");
                if (!props.has("mode")) {
                    props.put("mode", "Indexed");
                }
            }
            case "microsoft.authorization/policysetdefinitions" -> {
                if (!properties.path("policyDefinitions").isArray() || properties.path("policyDefinitions").isEmpty()) {
                    throw ArmErrors.badRequest("InvalidPolicySetDefinitionRequest", "The policy set definition must contain at least one policy definition.");
                }
                props.put("policyType", "Custom");
            }
            case "microsoft.authorization/policyassignments" -> {
                if (!properties.path("policyDefinitionId").isTextual()) {
                    throw ArmErrors.badRequest("InvalidCreatePolicyAssignmentRequest", "The policy assignment request is invalid: policyDefinitionId is required.");
                }
                props.put("scope", id.scope());
                if (!props.has("enforcementMode")) {
                    props.put("enforcementMode", "Default");
                }
                if (!props.has("notScopes")) {
                    props.putArray("notScopes");
                }
            }
            case "microsoft.authorization/policyexemptions" -> {
                if (!properties.path("policyAssignmentId").isTextual() || !properties.path("exemptionCategory").isTextual()) {
                    throw ArmErrors.badRequest("InvalidCreatePolicyExemptionRequest",
                            "The policy exemption request is invalid: policyAssignmentId and exemptionCategory are required.");
                }
            }
            default -> {
            }
        }
        return out;
    }

    @Override
    public Optional<JsonNode> builtIn(String type, String name) {
        boolean set = type.toLowerCase(Locale.ROOT).endsWith("policysetdefinitions");
        Optional<BuiltInLibrary.Entry> entry = set ? library.findInitiative(name) : library.findDefinition(name);
        return entry.filter(e -> e.name().equalsIgnoreCase(name)).map(library::json);
    }

    @Override
    public List<String> builtInNames(String type) {
        boolean set = type.toLowerCase(Locale.ROOT).endsWith("policysetdefinitions");
        return (set ? library.initiatives() : library.definitions()).stream().map(BuiltInLibrary.Entry::name).sorted().toList();
    }
}
