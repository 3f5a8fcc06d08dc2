package io.rampart.governance.compliance.summary;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.scope.ArmId;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * policyStates/latest/summarize at a scope, in the shape of the PolicyInsights
 * PolicyStates_Summarize* examples (2024-10-01): results (queryResultsUri, nonCompliantResources,
 * nonCompliantPolicies, resourceDetails, policyDetails, policyGroupDetails) for the scope, each
 * assignment, each of its definitions and each of its groups. Resources and policies are counted
 * once each in their rolled-up state ({@link StateRank}); states are spelled in lower case.
 * Assignments are listed most non-compliant first; {@code top} limits how many.
 */
public final class Summarizer {

    public static final String API_VERSION = "2024-10-01";
    private static final DateTimeFormatter URI_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Instant to;

    /** @param to the end of the summarized window ($to); $from is a day earlier, as Azure's default */
    public Summarizer(Instant to) {
        this.to = to;
    }

    public Summarizer() {
        this(Instant.EPOCH);
    }

    public ObjectNode summarize(ArmId scope, List<PolicyStateRecord> records, Integer top) {
        String base = "https://management.azure.com" + (scope.kind() == ArmId.Kind.TENANT ? "" : scope.id())
                + "/providers/Microsoft.PolicyInsights/policyStates";
        ObjectNode root = Values.object();
        root.put("@odata.context", base + "/$metadata#summary");
        root.put("@odata.count", 1);
        ArrayNode value = root.putArray("value");
        ObjectNode summary = value.addObject();
        summary.set("@odata.id", NullNode.getInstance());
        summary.put("@odata.context", base + "/$metadata#summary/$entity");
        String uri = base + "/latest/queryResults?api-version=" + API_VERSION + "&$from=" + URI_TIME.format(to.minusSeconds(86400)) + "&$to="
                + URI_TIME.format(to) + "&$filter=ComplianceState eq 'NonCompliant'";
        summary.set("results", results(records, uri, true));
        Map<String, List<PolicyStateRecord>> byAssignment = group(records, r -> r.policyAssignmentId().toLowerCase(Locale.ROOT));
        List<Map.Entry<String, List<PolicyStateRecord>>> assignments = new ArrayList<>(byAssignment.entrySet());
        assignments.sort(Comparator.comparingLong((Map.Entry<String, List<PolicyStateRecord>> e) -> -nonCompliantResources(e.getValue())));
        ArrayNode pas = summary.putArray("policyAssignments");
        int n = 0;
        for (Map.Entry<String, List<PolicyStateRecord>> e : assignments) {
            if (top != null && n++ >= top) {
                break;
            }
            List<PolicyStateRecord> rs = e.getValue();
            PolicyStateRecord first = rs.get(0);
            ObjectNode pa = pas.addObject();
            pa.put("policyAssignmentId", first.policyAssignmentId());
            pa.put("policySetDefinitionId", first.policySetDefinitionId() == null ? "" : first.policySetDefinitionId());
            String paUri = uri + " and PolicyAssignmentId eq '" + first.policyAssignmentId() + "'";
            pa.set("results", results(rs, paUri, true));
            ArrayNode defs = pa.putArray("policyDefinitions");
            Map<String, List<PolicyStateRecord>> byPolicy = group(rs, Summarizer::policyKey);
            for (List<PolicyStateRecord> prs : byPolicy.values()) {
                PolicyStateRecord p = prs.get(0);
                ObjectNode d = defs.addObject();
                d.put("policyDefinitionId", p.policyDefinitionId());
                d.put("policyDefinitionReferenceId", p.policyDefinitionReferenceId() == null ? "" : p.policyDefinitionReferenceId());
                ArrayNode groups = d.putArray("policyDefinitionGroupNames");
                p.policyDefinitionGroupNames().forEach(groups::add);
                d.put("effect", p.policyDefinitionAction());
                d.set("results", results(prs, paUri + " and PolicyDefinitionId eq '" + p.policyDefinitionId() + "'", false));
            }
            ArrayNode groupsOut = pa.putArray("policyGroups");
            Set<String> groupNames = new LinkedHashSet<>();
            rs.forEach(r -> groupNames.addAll(r.policyDefinitionGroupNames()));
            for (String g : groupNames) {
                List<PolicyStateRecord> grs = rs.stream().filter(r -> r.policyDefinitionGroupNames().stream().anyMatch(g::equalsIgnoreCase)).toList();
                ObjectNode go = groupsOut.addObject();
                go.put("policyGroupName", g);
                go.set("results", results(grs, uri + " and PolicyAssignmentId eq '" + first.policyAssignmentId() + "' and '" + g
                        + "' IN PolicyDefinitionGroupNames", false));
            }
        }
        return root;
    }

    private static ObjectNode results(List<PolicyStateRecord> rs, String uri, boolean withPolicyCount) {
        ObjectNode o = Values.object();
        o.put("queryResultsUri", uri);
        o.put("nonCompliantResources", nonCompliantResources(rs));
        if (withPolicyCount) {
            o.put("nonCompliantPolicies", distinct(rs, r -> "NonCompliant".equals(r.complianceState()), Summarizer::policyKey));
        }
        o.set("resourceDetails", details(rollUp(rs, r -> r.resourceId().toLowerCase(Locale.ROOT))));
        o.set("policyDetails", details(rollUp(rs, Summarizer::policyKey)));
        Map<String, String> groups = new LinkedHashMap<>();
        for (PolicyStateRecord r : rs) {
            for (String g : r.policyDefinitionGroupNames()) {
                groups.merge(r.policyAssignmentId().toLowerCase(Locale.ROOT) + "|" + g.toLowerCase(Locale.ROOT), r.complianceState(), StateRank::worse);
            }
        }
        o.set("policyGroupDetails", details(groups));
        return o;
    }

    private static long nonCompliantResources(List<PolicyStateRecord> rs) {
        return distinct(rs, r -> "NonCompliant".equals(r.complianceState()), r -> r.resourceId().toLowerCase(Locale.ROOT));
    }

    private static long distinct(List<PolicyStateRecord> rs, Predicate<PolicyStateRecord> p, java.util.function.Function<PolicyStateRecord, String> key) {
        return rs.stream().filter(p).map(key).distinct().count();
    }

    private static Map<String, String> rollUp(List<PolicyStateRecord> rs, java.util.function.Function<PolicyStateRecord, String> key) {
        Map<String, String> m = new LinkedHashMap<>();
        for (PolicyStateRecord r : rs) {
            m.merge(key.apply(r), r.complianceState(), StateRank::worse);
        }
        return m;
    }

    /** [{complianceState, count}] in rank order, states that occur only. */
    private static ArrayNode details(Map<String, String> rolledUp) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String s : StateRank.ORDER) {
            long c = rolledUp.values().stream().filter(s::equals).count();
            if (c > 0) {
                counts.put(s, c);
            }
        }
        ArrayNode a = Values.array();
        counts.forEach((s, c) -> a.addObject().put("complianceState", StateRank.summaryName(s)).put("count", c));
        return a;
    }

    static String policyKey(PolicyStateRecord r) {
        return (r.policyAssignmentId() + "|" + r.policyDefinitionId() + "|" + (r.policyDefinitionReferenceId() == null ? ""
                : r.policyDefinitionReferenceId())).toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<PolicyStateRecord>> group(List<PolicyStateRecord> rs, java.util.function.Function<PolicyStateRecord, String> key) {
        Map<String, List<PolicyStateRecord>> m = new LinkedHashMap<>();
        for (PolicyStateRecord r : rs) {
            m.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
        }
        return m;
    }
}
