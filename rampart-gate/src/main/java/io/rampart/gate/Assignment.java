package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * A policy assignment as the gate applies it: a definition or an initiative (a built-in by GUID,
 * id or display name, or a file), its parameter values, its enforcement mode and its
 * non-compliance messages.
 *
 * @param name                  the assignment's name; null to use the policy's display name
 * @param target                whether {@code ref} names a definition or an initiative (for built-ins,
 *                              which kind is looked up first)
 * @param ref                   GUID, id, display name or file path
 * @param baseDir               the folder relative file paths in {@code ref} are resolved against (null: working directory)
 * @param parameters            parameter values by name (plain values, already unwrapped from {"value": v})
 * @param enforcementMode       Default or DoNotEnforce
 * @param nonComplianceMessages the assignment's messages
 * @param origin                where the assignment was given, for messages (e.g. "assignments.json:3:5" or "--policy")
 */
public record Assignment(String name, Target target, String ref, String baseDir, Map<String, JsonNode> parameters,
                         EnforcementMode enforcementMode, List<NonComplianceMessage> nonComplianceMessages, String origin) {

    /** What {@code ref} names. */
    public enum Target {
        DEFINITION, INITIATIVE, ANY
    }

    /**
     * A non-compliance message: for the whole assignment (no reference id) or for one member of
     * an initiative.
     */
    public record NonComplianceMessage(String message, String policyDefinitionReferenceId) {
    }

    public Assignment {
        parameters = Map.copyOf(parameters);
        nonComplianceMessages = List.copyOf(nonComplianceMessages);
        enforcementMode = enforcementMode == null ? EnforcementMode.DEFAULT : enforcementMode;
    }

    /** The Microsoft cloud security benchmark initiative, bound with its defaults: the gate's default. */
    public static final String MCSB = "1f3afdf9-d0c9-4c3d-847f-89da613e70a8";

    public static Assignment defaultBenchmark() {
        return new Assignment(null, Target.INITIATIVE, MCSB, null, Map.of(), EnforcementMode.DEFAULT, List.of(), "default policies");
    }

    /** {@code --policy REF} or {@code --initiative REF}: no parameters, enforced. */
    public static Assignment of(Target target, String ref, String origin) {
        return new Assignment(null, target, ref, null, Map.of(), EnforcementMode.DEFAULT, List.of(), origin);
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
}
