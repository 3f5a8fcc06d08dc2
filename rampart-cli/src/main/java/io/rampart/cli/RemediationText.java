package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.cli.Io.Style;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The text rendering of remediations (PolicyInsights shapes): one task, its deployments, a list, a watch's result. */
final class RemediationText {

    private static final List<String> STATUS_ORDER = List.of("Failed", "Canceled", "Succeeded", "Deploying", "Evaluating", "Queued");

    private RemediationText() {
    }

    /** A task: its state, what it remediates and how, and its counts. */
    static void task(Io io, PrintWriter out, JsonNode task) {
        JsonNode p = task.path("properties");
        String state = p.path("provisioningState").asText("");
        out.println(io.paint("Remediation " + task.path("name").asText(""), Style.BOLD) + ": " + io.paint(state, stateStyle(task)));
        field(out, "id", task.path("id").asText(""));
        field(out, "assignment", p.path("policyAssignmentId").asText(""));
        field(out, "reference id", p.path("policyDefinitionReferenceId").asText(""));
        List<String> discovery = new ArrayList<>();
        if (p.hasNonNull("resourceDiscoveryMode")) {
            discovery.add(p.path("resourceDiscoveryMode").asText());
        }
        List<String> locations = new ArrayList<>();
        p.path("filters").path("locations").forEach(l -> locations.add(l.asText()));
        if (!locations.isEmpty()) {
            discovery.add("locations " + String.join(", ", locations));
        }
        field(out, "discovery", String.join("; ", discovery));
        JsonNode ds = p.path("deploymentStatus");
        if (ds.isObject()) {
            long failed = ds.path("failedDeployments").asLong();
            field(out, "deployments", ds.path("totalDeployments").asLong() + " total: " + ds.path("successfulDeployments").asLong() + " succeeded, "
                    + (failed == 0 ? "0" : io.paint(Long.toString(failed), Style.RED)) + " failed");
        }
        List<String> limits = new ArrayList<>();
        if (p.hasNonNull("parallelDeployments")) {
            limits.add(p.path("parallelDeployments").asLong() + " in parallel");
        }
        if (p.hasNonNull("resourceCount")) {
            limits.add("at most " + p.path("resourceCount").asLong() + " resources");
        }
        JsonNode pct = p.path("failureThreshold").path("percentage");
        if (pct.isNumber()) {
            limits.add("fails when more than " + percent(pct.asDouble()) + " of deployments fail");
        }
        field(out, "limits", String.join(", ", limits));
        String created = p.path("createdOn").asText("");
        String updated = p.path("lastUpdatedOn").asText("");
        field(out, "created", created + (updated.isEmpty() || updated.equals(created) ? "" : ", last updated " + updated));
        field(out, "status", p.path("statusMessage").asText(""));
        field(out, "correlation", p.path("correlationId").asText(""));
        out.flush();
    }

    /**
     * The deployments, failed ones first, at most {@code show} rows (0: all). Rampart's
     * {@code outcome} and {@code complianceStateAfter} get columns when any deployment has them.
     */
    static void deployments(Io io, PrintWriter out, List<JsonNode> deployments, int show) {
        if (deployments.isEmpty()) {
            out.println("no deployments");
            out.flush();
            return;
        }
        List<JsonNode> rows = new ArrayList<>();
        deployments.stream().filter(d -> "Failed".equalsIgnoreCase(d.path("status").asText())).forEach(rows::add);
        deployments.stream().filter(d -> !"Failed".equalsIgnoreCase(d.path("status").asText())).forEach(rows::add);
        boolean outcome = rows.stream().anyMatch(d -> d.hasNonNull("outcome"));
        boolean after = rows.stream().anyMatch(d -> d.hasNonNull("complianceStateAfter"));
        int limit = show <= 0 ? rows.size() : Math.min(show, rows.size());
        List<JsonNode> shown = rows.subList(0, limit);
        int wStatus = width("STATUS", shown, "status");
        int wOutcome = width("OUTCOME", shown, "outcome");
        int wAfter = width("COMPLIANCE", shown, "complianceStateAfter");
        int wLocation = width("LOCATION", shown, "resourceLocation");
        StringBuilder head = new StringBuilder("  ").append(pad("STATUS", wStatus));
        if (outcome) {
            head.append("  ").append(pad("OUTCOME", wOutcome));
        }
        if (after) {
            head.append("  ").append(pad("COMPLIANCE", wAfter));
        }
        head.append("  ").append(pad("LOCATION", wLocation)).append("  RESOURCE");
        out.println(io.paint(head.toString(), Style.DIM));
        for (JsonNode d : shown) {
            String status = text(d, "status");
            StringBuilder row = new StringBuilder("  ").append(io.paint(pad(status, wStatus), statusStyle(status)));
            if (outcome) {
                row.append("  ").append(pad(text(d, "outcome"), wOutcome));
            }
            if (after) {
                String c = text(d, "complianceStateAfter");
                row.append("  ").append(io.paint(pad(c, wAfter), "NonCompliant".equals(c) ? Style.RED : "Compliant".equals(c) ? Style.GREEN : Style.DIM));
            }
            row.append("  ").append(pad(text(d, "resourceLocation"), wLocation)).append("  ").append(text(d, "remediatedResourceId"));
            out.println(row.toString().stripTrailing());
            JsonNode e = d.path("error");
            if (e.isObject() && (e.hasNonNull("code") || e.hasNonNull("message"))) {
                String code = e.path("code").asText("");
                String message = Main.oneLine(e.path("message").asText(""));
                out.println("      " + io.paint("error", Style.RED) + " " + code + (code.isEmpty() || message.isEmpty() ? "" : ": ") + message);
            }
            if ("Failed".equalsIgnoreCase(status) && d.hasNonNull("deploymentId")) {
                out.println("      " + io.paint("deployment " + d.path("deploymentId").asText(), Style.DIM));
            }
        }
        if (limit < rows.size()) {
            out.println("  ... and " + (rows.size() - limit) + " more (--show 0 lists all, --format json gives everything)");
        }
        out.println(deployments.size() + (deployments.size() == 1 ? " deployment: " : " deployments: ") + byStatus(deployments));
        out.flush();
    }

    /** A list of remediations: state, counts, created, id. */
    static void list(Io io, PrintWriter out, List<JsonNode> remediations) {
        if (remediations.isEmpty()) {
            out.println("no remediations");
            out.flush();
            return;
        }
        int wState = Math.max("STATE".length(), remediations.stream().mapToInt(r -> r.path("properties").path("provisioningState").asText("-").length())
                .max().orElse(0));
        int wCreated = Math.max("CREATED".length(), remediations.stream().mapToInt(r -> r.path("properties").path("createdOn").asText("-").length())
                .max().orElse(0));
        out.println(io.paint("  " + pad("STATE", wState) + "  TOTAL  SUCCEEDED  FAILED  " + pad("CREATED", wCreated) + "  ID", Style.DIM));
        for (JsonNode r : remediations) {
            JsonNode p = r.path("properties");
            JsonNode ds = p.path("deploymentStatus");
            String state = p.path("provisioningState").asText("-");
            out.println("  " + io.paint(pad(state, wState), stateStyle(r)) + String.format("  %5d  %9d  %6d  ", ds.path("totalDeployments").asLong(),
                    ds.path("successfulDeployments").asLong(), ds.path("failedDeployments").asLong()) + pad(p.path("createdOn").asText("-"), wCreated)
                    + "  " + r.path("id").asText(""));
        }
        out.println(remediations.size() + (remediations.size() == 1 ? " remediation" : " remediations"));
        out.flush();
    }

    /** The last line of a watch: what it came to. */
    static void result(Io io, PrintWriter out, RemediationResult r) {
        String mark = r.succeededAll() ? io.paint(io.check(), Style.GREEN) : io.paint(io.cross(), Style.RED);
        String what = r.timedOut() ? "timed out" : r.provisioningState();
        out.println(mark + " " + io.paint(what, Style.BOLD) + ": " + r.reason());
        out.flush();
    }

    private static Style stateStyle(JsonNode task) {
        JsonNode p = task.path("properties");
        return switch (p.path("provisioningState").asText("")) {
            case "Succeeded", "Complete" -> p.path("deploymentStatus").path("failedDeployments").asLong() == 0 ? Style.GREEN : Style.YELLOW;
            case "Failed" -> Style.RED;
            case "Canceled", "Cancelling" -> Style.YELLOW;
            default -> Style.CYAN;
        };
    }

    private static Style statusStyle(String status) {
        return switch (status) {
            case "Succeeded" -> Style.GREEN;
            case "Failed" -> Style.RED;
            case "Canceled" -> Style.YELLOW;
            default -> Style.DIM;
        };
    }

    /** "1 Failed, 2 Succeeded": counts by status, the usual ones in a fixed order, others after by name. */
    private static String byStatus(List<JsonNode> deployments) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        STATUS_ORDER.forEach(s -> counts.put(s, 0));
        deployments.stream().map(d -> d.path("status").asText("(no status)")).sorted().forEach(s -> counts.merge(s, 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, n) -> {
            if (n > 0) {
                parts.add(n + " " + s);
            }
        });
        return String.join(", ", parts);
    }

    /** 0.1 → "10%", 0.125 → "12.5%". */
    static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }

    private static void field(PrintWriter out, String name, String value) {
        if (!value.isEmpty()) {
            out.println("  " + pad(name, 12) + "  " + value);
        }
    }

    private static int width(String header, List<JsonNode> rows, String field) {
        return Math.max(header.length(), rows.stream().mapToInt(d -> text(d, field).length()).max().orElse(0));
    }

    private static String text(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? "-" : v.asText();
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
