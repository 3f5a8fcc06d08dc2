package io.rampart.governance.compliance.summary;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.compliance.PolicyStateRecord;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A compliance percentage as Azure computes it (compliance-states.md, "Compliance percentage"):
 * each distinct resource counts once, in its rolled-up state;
 * {@code (compliant + exempt + unknown) / (compliant + exempt + unknown + non-compliant + conflicting + error)}.
 * Protected and NotStarted resources are in neither (the formula does not name them).
 *
 * @param percent null when no resource counts (nothing applicable)
 */
public record ComplianceRate(long compliant, long exempt, long unknown, long nonCompliant, long conflict, long error, long protectedResources,
                             Double percent) {

    /** The rate over a set of records: one rolled-up state per resource. */
    public static ComplianceRate of(Collection<PolicyStateRecord> records) {
        Map<String, String> perResource = new LinkedHashMap<>();
        for (PolicyStateRecord r : records) {
            perResource.merge(r.resourceId().toLowerCase(java.util.Locale.ROOT), r.complianceState(), StateRank::worse);
        }
        long c = 0, ex = 0, u = 0, nc = 0, cf = 0, er = 0, pr = 0;
        for (String s : perResource.values()) {
            if (s == null) {
                continue;
            }
            switch (s) {
                case "Compliant" -> c++;
                case "Exempt" -> ex++;
                case "Unknown" -> u++;
                case "NonCompliant" -> nc++;
                case "Conflict" -> cf++;
                case "Error" -> er++;
                case "Protected" -> pr++;
                default -> {
                }
            }
        }
        long num = c + ex + u;
        long den = num + nc + cf + er;
        return new ComplianceRate(c, ex, u, nc, cf, er, pr, den == 0 ? null : 100.0 * num / den);
    }

    /** One rate per key (assignment id, initiative id, ...), keys as the records spell them. */
    public static Map<String, ComplianceRate> by(Collection<PolicyStateRecord> records, Function<PolicyStateRecord, String> key) {
        Map<String, java.util.List<PolicyStateRecord>> groups = new LinkedHashMap<>();
        for (PolicyStateRecord r : records) {
            String k = key.apply(r);
            if (k != null && !k.isEmpty()) {
                groups.computeIfAbsent(k, x -> new java.util.ArrayList<>()).add(r);
            }
        }
        Map<String, ComplianceRate> out = new LinkedHashMap<>();
        groups.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    public static Map<String, ComplianceRate> byAssignment(Collection<PolicyStateRecord> records) {
        return by(records, PolicyStateRecord::policyAssignmentId);
    }

    public static Map<String, ComplianceRate> byInitiative(Collection<PolicyStateRecord> records) {
        return by(records, PolicyStateRecord::policySetDefinitionId);
    }

    public ObjectNode toJson() {
        ObjectNode o = Values.object();
        o.put("compliantResources", compliant);
        o.put("exemptResources", exempt);
        o.put("unknownResources", unknown);
        o.put("nonCompliantResources", nonCompliant);
        o.put("conflictingResources", conflict);
        o.put("errorResources", error);
        o.put("protectedResources", protectedResources);
        if (percent == null) {
            o.putNull("compliancePercentage");
        } else {
            o.put("compliancePercentage", Math.round(percent * 100.0) / 100.0);
        }
        return o;
    }
}
