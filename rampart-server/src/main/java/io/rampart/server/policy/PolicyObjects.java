package io.rampart.server.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.server.access.Caller;
import io.rampart.server.arm.ArmId;
import io.rampart.store.StoredResource;

import java.util.List;
import java.util.Optional;

/**
 * Microsoft.Authorization policy objects (definitions, set definitions, assignments, exemptions):
 * checks a PUT body and shapes what is stored and served, puts stored objects in force, and
 * resolves built-ins. The governance wiring provides the full one; {@link BasicPolicyObjects}
 * checks structure and serves the built-in library.
 *
 * <p>{@link #validate} must not change what is in force: the write may still fail (a precondition,
 * the database). {@link #stored} and {@link #removed} are called once the write has committed.
 */
public interface PolicyObjects {

    /** True for the four policy object types. */
    static boolean isPolicyType(String type) {
        String t = type.toLowerCase(java.util.Locale.ROOT);
        return t.equals("microsoft.authorization/policydefinitions") || t.equals("microsoft.authorization/policysetdefinitions")
                || t.equals("microsoft.authorization/policyassignments") || t.equals("microsoft.authorization/policyexemptions");
    }

    /**
     * The body to store for a PUT of a policy object at {@code id} by {@code caller} ({@code previous}:
     * what is stored now), or an ARM error ({@link io.rampart.server.arm.ArmException}) thrown for an invalid one.
     */
    JsonNode validate(ArmId id, JsonNode body, Caller caller, Optional<StoredResource> previous);

    /** A policy object was stored (the write committed): put it in force. */
    default void stored(StoredResource resource) {
    }

    /** A policy object was deleted, or everything under {@code id} when {@code tree} (the write committed). */
    default void removed(String id, boolean tree) {
    }

    /** A built-in definition or set definition by name ("policyDefinitions" / "policySetDefinitions"). */
    Optional<JsonNode> builtIn(String type, String name);

    /** The names of every built-in of a type, in a stable order (listings page over them). */
    List<String> builtInNames(String type);
}
