package io.rampart.governance.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.model.PolicyAssignment;
import io.rampart.governance.model.Selector;
import io.rampart.policy.BoundPolicy;
import io.rampart.policy.model.PolicyDefinition;
import io.rampart.policy.model.PolicySetDefinition;

import java.util.List;
import java.util.Map;

/**
 * An assignment compiled and bound once: each member definition (one for a definition
 * assignment, every member for an initiative) bound to its parameter values, with its effect
 * overrides pre-bound. Immutable; rebuilt when the assignment or a definition it uses changes.
 *
 * @param set the assigned initiative, or null for a definition assignment
 */
public record BoundAssignment(PolicyAssignment assignment, PolicySetDefinition set, List<Member> members) {

    public BoundAssignment {
        members = List.copyOf(members);
    }

    /**
     * One evaluated definition.
     *
     * @param referenceId  policyDefinitionReferenceId within the initiative; null for a definition assignment
     * @param definitionId the member definition's id as the assignment or initiative names it
     * @param overrides    effect overrides that apply to this member, in assignment order
     */
    public record Member(String referenceId, List<String> groupNames, String definitionId, PolicyDefinition definition,
                         BoundPolicy policy, List<EffectOverride> overrides) {
        public Member {
            groupNames = List.copyOf(groupNames);
            overrides = List.copyOf(overrides);
        }

        /**
         * The policy to evaluate for a resource at {@code location}: the first override whose
         * location selectors accept it (overrides are evaluated in the order given), else the
         * member as bound.
         */
        public BoundPolicy policyFor(String location) {
            for (EffectOverride o : overrides) {
                if (o.appliesAt(location)) {
                    return o.policy();
                }
            }
            return policy;
        }

        /** The parameter values in force for the member (defaults included). */
        public Map<String, JsonNode> effectiveParameters() {
            return policy.parameters();
        }
    }

    /** A policyEffect override bound for one member; {@code locationSelectors} empty: everywhere. */
    public record EffectOverride(List<Selector> locationSelectors, BoundPolicy policy) {
        public EffectOverride {
            locationSelectors = List.copyOf(locationSelectors);
        }

        boolean appliesAt(String location) {
            for (Selector s : locationSelectors) {
                if (!s.accepts(location, Selector::location)) {
                    return false;
                }
            }
            return true;
        }
    }

    public boolean assignsInitiative() {
        return set != null;
    }
}
