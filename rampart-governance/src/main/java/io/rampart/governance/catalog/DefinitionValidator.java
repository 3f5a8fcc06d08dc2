package io.rampart.governance.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.arm.SystemData;
import io.rampart.governance.scope.ArmId;
import io.rampart.policy.CompiledInitiative;
import io.rampart.policy.DefinitionReader;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.Parsed;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates the body of a custom policyDefinitions / policySetDefinitions PUT the way ARM does
 * (the definition must read and compile; initiative members must exist and take the parameters
 * given) and produces the response body: the properties as given plus policyType Custom, mode
 * Indexed when absent, id, name, type and systemData.
 */
public final class DefinitionValidator {

    public static final String DEFINITION_TYPE = "Microsoft.Authorization/policyDefinitions";
    public static final String SET_TYPE = "Microsoft.Authorization/policySetDefinitions";

    private final PolicyCatalog catalog;

    public DefinitionValidator(PolicyCatalog catalog) {
        this.catalog = catalog;
    }

    public ArmResult<ObjectNode> definition(ArmId id, JsonNode body, SystemData systemData) {
        if (!id.isResource() || !id.type().equalsIgnoreCase(DEFINITION_TYPE)) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicyDefinitionId", "The id '" + id.id() + "' is not a policy definition id."));
        }
        if (body == null || !body.isObject() || !Values.property(body, "properties").isObject()) {
            return ArmResult.failed(ArmError.badRequest("InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: 'the properties object is required at $.properties'."));
        }
        ObjectNode response = response(id, body, DEFINITION_TYPE, systemData);
        ObjectNode props = (ObjectNode) response.get("properties");
        if (Values.property(props, "mode") == null) {
            props.put("mode", "Indexed");
        }
        Parsed<PolicyDefinition> read = DefinitionReader.readDefinition(response, id.id());
        if (read.value() == null) {
            return ArmResult.failed(toError(read.errors()));
        }
        var compiled = catalog.engine().compile(read.value());
        if (!compiled.ok()) {
            return ArmResult.failed(toError(compiled.errors()));
        }
        return ArmResult.ok(response);
    }

    public ArmResult<ObjectNode> setDefinition(ArmId id, JsonNode body, SystemData systemData) {
        if (!id.isResource() || !id.type().equalsIgnoreCase(SET_TYPE)) {
            return ArmResult.failed(ArmError.badRequest("InvalidPolicySetDefinitionId", "The id '" + id.id() + "' is not a policy set definition id."));
        }
        if (body == null || !body.isObject() || !Values.property(body, "properties").isObject()) {
            return ArmResult.failed(ArmError.badRequest("InvalidRequestContent",
                    "The request content was invalid and could not be deserialized: 'the properties object is required at $.properties'."));
        }
        ObjectNode response = response(id, body, SET_TYPE, systemData);
        Parsed<PolicySetDefinition> read = DefinitionReader.readInitiative(response, id.id());
        if (read.value() == null) {
            return ArmResult.failed(toError(read.errors()));
        }
        Parsed<CompiledInitiative> compiled = new io.rampart.policy.InitiativeCompiler(catalog.engine(), catalog::definition).compile(read.value());
        if (!compiled.ok()) {
            for (Diagnostic d : compiled.errors()) {
                Matcher m = Pattern.compile("no policy definition with id '([^']+)'").matcher(d.message());
                if (m.find()) {
                    return ArmResult.failed(ArmError.badRequest("PolicyDefinitionNotFound", "The policy definition '" + m.group(1)
                            + "' could not be found."));
                }
                if (d.code().equals("unknown-member-parameter")) {
                    return ArmResult.failed(ArmError.badRequest("UndefinedPolicyParameter", "The policy set definition '" + id.name()
                            + "' has a member with " + d.message() + "."));
                }
            }
            return ArmResult.failed(toError(compiled.errors()));
        }
        return ArmResult.ok(response);
    }

    private static ObjectNode response(ArmId id, JsonNode body, String type, SystemData systemData) {
        ObjectNode response = Values.object();
        ObjectNode props = ((ObjectNode) Values.property(body, "properties")).deepCopy();
        props.put("policyType", "Custom");
        response.set("properties", props);
        response.put("id", id.id());
        response.put("type", type);
        response.put("name", id.name());
        if (systemData != null) {
            response.set("systemData", systemData.toJson());
        }
        return response;
    }

    private static ArmError toError(List<Diagnostic> errors) {
        Diagnostic first = errors.isEmpty() ? null : errors.get(0);
        String detail = first == null ? "the definition could not be read" : first.message() + " at " + first.path();
        if (first != null && first.path().contains("policyRule")) {
            return ArmError.badRequest("InvalidPolicyRule", "Failed to parse policy rule: '" + detail + "'.");
        }
        return ArmError.badRequest("InvalidRequestContent", "The request content was invalid and could not be deserialized: '" + detail + "'.");
    }
}
