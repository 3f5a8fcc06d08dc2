package io.rampart.governance.preview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.util.List;

/**
 * What a proposed assignment would do to the resources in its scope.
 *
 * @param evaluated    resources the assignment's scope covers (after notScopes and resource selectors)
 * @param resources    one entry per resource some member applies to
 */
public record ImpactReport(String policyAssignmentId, String enforcementMode, int evaluated, List<ResourceImpact> resources) {

    public ImpactReport {
        resources = List.copyOf(resources);
    }

    /**
     * @param complianceState the state a compliance scan would give (worst member first, as Azure rolls up)
     * @param wouldDeny       a write of a resource like this one would be denied (with the assignment enforced)
     * @param wouldModify     a write would be changed by Append/Modify
     * @param wouldProtect    a DELETE would be blocked by DenyAction
     * @param members         reference ids (or the definition id) of the members behind deny/modify/non-compliance
     */
    public record ResourceImpact(String resourceId, String resourceType, String complianceState, boolean wouldDeny, boolean wouldModify,
                                 boolean wouldProtect, List<String> members) {
        public ResourceImpact {
            members = List.copyOf(members);
        }
    }

    public long nonCompliant() {
        return resources.stream().filter(r -> r.complianceState().equals("NonCompliant")).count();
    }

    public long denied() {
        return resources.stream().filter(ResourceImpact::wouldDeny).count();
    }

    public long modified() {
        return resources.stream().filter(ResourceImpact::wouldModify).count();
    }

    public ObjectNode toJson() {
        ObjectNode o = Values.object();
        o.put("policyAssignmentId", policyAssignmentId);
        o.put("enforcementMode", enforcementMode);
        ObjectNode summary = o.putObject("summary");
        summary.put("resourcesEvaluated", evaluated);
        summary.put("resourcesApplicable", resources.size());
        summary.put("nonCompliantResources", nonCompliant());
        summary.put("wouldDenyResources", denied());
        summary.put("wouldModifyResources", modified());
        summary.put("wouldProtectResources", resources.stream().filter(ResourceImpact::wouldProtect).count());
        ArrayNode a = o.putArray("resources");
        for (ResourceImpact r : resources) {
            ObjectNode x = a.addObject();
            x.put("resourceId", r.resourceId());
            x.put("resourceType", r.resourceType());
            x.put("complianceState", r.complianceState());
            x.put("wouldDeny", r.wouldDeny());
            x.put("wouldModify", r.wouldModify());
            x.put("wouldProtect", r.wouldProtect());
            ArrayNode m = x.putArray("members");
            r.members().forEach(m::add);
        }
        return o;
    }
}
