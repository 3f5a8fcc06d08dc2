package io.rampart.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.BoundPolicy;

import java.util.List;

/**
 * The policies a gate run applies: every definition of every assignment, bound to the
 * assignment's parameter values. Immutable.
 *
 * @param entries     one per definition (initiative members expanded), in assignment order
 * @param assignments one per assignment, for reports
 * @param warnings    warnings about user-supplied definition and initiative files
 */
public record PolicySet(List<Entry> entries, List<AssignmentSummary> assignments, List<String> warnings) {

    public PolicySet {
        entries = List.copyOf(entries);
        assignments = List.copyOf(assignments);
        warnings = List.copyOf(warnings);
    }

    /**
     * One bound policy.
     *
     * @param applied              definition, initiative, reference id, assignment
     * @param policy               the bound policy
     * @param policyInfo           what {@code policy()} returns in the rule
     * @param nonComplianceMessage the assignment's message for it, or null
     */
    public record Entry(AppliedPolicy applied, BoundPolicy policy, JsonNode policyInfo, String nonComplianceMessage) {
    }

    /**
     * One assignment, as reports list it.
     *
     * @param name            the assignment's name
     * @param kind            "definition" or "initiative"
     * @param policy          what it assigns
     * @param enforcementMode Default or DoNotEnforce
     * @param policies        how many definitions it applies
     */
    public record AssignmentSummary(String name, String kind, PolicyRef policy, EnforcementMode enforcementMode, int policies) {
    }
}
