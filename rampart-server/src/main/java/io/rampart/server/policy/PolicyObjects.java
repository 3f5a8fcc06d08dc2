package io.rampart.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.server.arm.ArmId;

import java.util.Optional;

/**
 * Microsoft.Authorization policy objects (definitions, set definitions, assignments, exemptions):
 * checks a PUT body and shapes what is stored and served, and resolves built-ins. The governance
 * module provides the full one; {@link BasicPolicyObjects} checks structure and serves the
 * built-in library.
 */
public interface PolicyObjects {

    /** True for the four policy object types. */
    static boolean isPolicyType(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return t.equals("microsoft.authorization/policydefinitions") || t.equals("microsoft.authorization/policysetdefinitions")
                || t.equals("microsoft.authorization/policyassignments") || t.equals("microsoft.authorization/policyexemptions");
    }

    /**
     * The body to store for a PUT of a policy object at {@code id}, or an ARM error
     * ({@link io.rampart.server.arm.ArmException}) thrown for an invalid one.
     */
    JsonNode validate(ArmId id, JsonNode body);

    /** A built-in definition or set definition by name ("policyDefinitions" / "policySetDefinitions"). */
    Optional<JsonNode> builtIn(String type, String name);

    /** The names of every built-in of a type, in a stable order (listings page over them). */
    java.util.List<String> builtInNames(String type);
}
