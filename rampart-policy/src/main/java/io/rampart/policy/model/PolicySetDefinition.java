package io.rampart.policy.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * An initiative (policy set definition).
 *
 * @param policyDefinitions the member definitions, each with its reference id and parameter values
 * @param groups            policyDefinitionGroups (compliance controls and the like)
 */
public record PolicySetDefinition(String id, String name, String displayName, String description, String policyType,
                                  String version, JsonNode metadata, Map<String, ParameterDefinition> parameters,
                                  List<Reference> policyDefinitions, List<Group> groups, String source) {

    public PolicySetDefinition {
        policyDefinitions = List.copyOf(policyDefinitions);
        groups = List.copyOf(groups);
    }

    /**
     * One member of an initiative.
     *
     * @param policyDefinitionId id of the member definition
     * @param referenceId        policyDefinitionReferenceId, unique within the initiative
     * @param parameters         parameter name to value; values may be expressions over the
     *                           initiative's parameters, e.g. {@code [parameters('effect')]}
     * @param groupNames         names of the groups the member belongs to
     * @param definitionVersion  the member definition's version the initiative pins, e.g. {@code 6.*.*}; may be null
     */
    public record Reference(String policyDefinitionId, String referenceId, Map<String, JsonNode> parameters,
                            List<String> groupNames, String definitionVersion) {
        public Reference {
            parameters = Map.copyOf(parameters);
            groupNames = List.copyOf(groupNames);
        }

        public Reference(String policyDefinitionId, String referenceId, Map<String, JsonNode> parameters, List<String> groupNames) {
            this(policyDefinitionId, referenceId, parameters, groupNames, null);
        }

        /** The last segment of the definition id: the built-in's GUID. */
        public String definitionName() {
            int slash = policyDefinitionId.lastIndexOf('/');
            return slash < 0 ? policyDefinitionId : policyDefinitionId.substring(slash + 1);
        }
    }

    public record Group(String name, String displayName, String category, String description, String additionalMetadataId) {
    }

    public String label() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return name != null ? name : source;
    }
}
