package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What {@link RemediationLoadHarness} requires of a finished task before it reports its rate, on
 * the server's answers (PolicyInsights 2021-10-01 shapes): a figure for a task that skipped or
 * failed resources would measure less work than it claims. Each check returns its problems, empty
 * when there are none.
 */
final class RemediationCheck {

    /** The provisioning states after which a task does nothing more. */
    static final Set<String> FINAL = Set.of("Succeeded", "Complete", "Failed", "Canceled");

    private RemediationCheck() {
    }

    static String state(JsonNode remediation) {
        return remediation.path("properties").path("provisioningState").asText("");
    }

    static boolean isFinal(JsonNode remediation) {
        return FINAL.contains(state(remediation));
    }

    /** The task: Succeeded, with {@code n} deployments, all successful. */
    static List<String> task(JsonNode remediation, int n) {
        List<String> problems = new ArrayList<>();
        if (!"Succeeded".equals(state(remediation))) {
            problems.add("provisioningState is '" + state(remediation) + "', expected Succeeded");
        }
        JsonNode status = remediation.path("properties").path("deploymentStatus");
        expectCount(problems, status, "totalDeployments", n);
        expectCount(problems, status, "successfulDeployments", n);
        expectCount(problems, status, "failedDeployments", 0);
        return problems;
    }

    private static void expectCount(List<String> problems, JsonNode status, String field, int expected) {
        JsonNode v = status.path(field);
        if (!v.isIntegralNumber() || v.asLong() != expected) {
            problems.add("deploymentStatus." + field + " is " + (v.isMissingNode() ? "missing" : v.toString()) + ", expected " + expected);
        }
    }

    /**
     * The listDeployments records: one per expected resource (ids compared as ARM compares them,
     * ignoring case), each Succeeded. At most a few of each kind of problem are named.
     */
    static List<String> deployments(Collection<JsonNode> records, Collection<String> expectedIds) {
        List<String> problems = new ArrayList<>();
        Set<String> expected = lowerCase(expectedIds);
        Set<String> seen = new TreeSet<>();
        List<String> notSucceeded = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (JsonNode d : records) {
            String id = d.path("remediatedResourceId").asText("").toLowerCase(Locale.ROOT);
            if (!seen.add(id)) {
                duplicates.add(id);
            }
            if (!"Succeeded".equals(d.path("status").asText())) {
                notSucceeded.add(id + " " + d.path("status").asText("(no status)")
                        + (d.has("error") ? " " + d.path("error").path("code").asText() + ": " + d.path("error").path("message").asText() : ""));
            }
        }
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(seen);
        Set<String> extra = new TreeSet<>(seen);
        extra.removeAll(expected);
        name(problems, "record(s) not Succeeded", notSucceeded);
        name(problems, "resource(s) without a record", missing);
        name(problems, "record(s) for resources not in the set", extra);
        name(problems, "resource(s) with more than one record", duplicates);
        return problems;
    }

    private static void name(List<String> problems, String what, Collection<String> items) {
        if (!items.isEmpty()) {
            problems.add(items.size() + " " + what + ", e.g. " + items.stream().limit(3).toList());
        }
    }

    private static Set<String> lowerCase(Collection<String> ids) {
        Set<String> s = new TreeSet<>();
        ids.forEach(id -> s.add(id.toLowerCase(Locale.ROOT)));
        return s;
    }

    /** An assignment's resources by compliance state, from a summarize answer filtered to it. */
    record Compliance(long compliant, long nonCompliant) {
        static Compliance of(JsonNode summary) {
            long compliant = 0;
            long nonCompliant = 0;
            for (JsonNode d : summary.path("value").path(0).path("results").path("resourceDetails")) {
                switch (d.path("complianceState").asText().toLowerCase(Locale.ROOT)) {
                    case "compliant" -> compliant += d.path("count").asLong();
                    case "noncompliant" -> nonCompliant += d.path("count").asLong();
                    default -> {
                    }
                }
            }
            return new Compliance(compliant, nonCompliant);
        }

        /** Compliant over compliant + non-compliant, as the portal shows it; NaN when nothing is evaluated. */
        double percent() {
            return compliant + nonCompliant == 0 ? Double.NaN : 100.0 * compliant / (compliant + nonCompliant);
        }

        /** Every one of the {@code n} resources compliant, none non-compliant. */
        boolean allCompliant(int n) {
            return compliant == n && nonCompliant == 0;
        }

        @Override
        public String toString() {
            return compliant + " compliant, " + nonCompliant + " non-compliant";
        }
    }
}
