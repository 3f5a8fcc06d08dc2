package io.rampart.gate;

import java.util.List;

/**
 * One policy as an assignment applies it: the definition, the initiative it came through (if
 * any) and the assignment.
 *
 * @param definition      the policy definition
 * @param initiative      the initiative the definition is a member of, or null
 * @param referenceId     the member's policyDefinitionReferenceId, or null
 * @param groupNames      the member's groups (compliance controls), empty when none
 * @param assignment      the assignment's name
 * @param enforcementMode the assignment's enforcement mode
 */
public record AppliedPolicy(PolicyRef definition, PolicyRef initiative, String referenceId, List<String> groupNames,
                            String assignment, EnforcementMode enforcementMode) {

    public AppliedPolicy {
        groupNames = groupNames == null ? List.of() : List.copyOf(groupNames);
    }
}
