package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.cli.Io.Style;
import io.rampart.policy.ComplianceState;
import io.rampart.policy.Diagnostic;
import io.rampart.policy.Effect;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.policy.EvaluationResult;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Human-readable output of evaluations. */
final class TextOutput {

    /** Longest value shown inline before it is cut. */
    private static final int VALUE_WIDTH = 100;

    private final Io io;
    private final PrintWriter out;

    TextOutput(Io io) {
        this.io = io;
        this.out = io.out();
    }

    /** The full explanation of one result. */
    void single(Outcome o) {
        EvaluationResult r = o.result();
        Policies.PolicyRef p = o.policy();
        field("Policy", io.paint(p.label(), Style.BOLD));
        if (p.name() != null && !p.name().equals(p.label())) {
            field("", io.paint(p.name() + (p.referenceId() != null ? "  (reference " + p.referenceId() + ")" : ""), Style.DIM));
        }
        field("Resource", io.paint(o.resourceLabel(), Style.BOLD));
        if (o.resourceId() != null) {
            field("", io.paint(o.resourceId(), Style.DIM));
        }
        field("Effect", r.effect());
        field("Applicable", r.applicable() ? "yes" : "no");
        field("Compliance", state(r.complianceState()));
        field("Reason", r.reason());
        if (r.error() != null) {
            field("Error", io.paint(r.error().code(), Style.RED) + ": " + r.error().message()
                    + (r.error().conditionPath() == null ? "" : " (at " + r.error().conditionPath() + ")"));
        }
        if (!r.evaluatedExpressions().isEmpty()) {
            out.println();
            out.println(io.paint("Evaluated expressions", Style.BOLD) + io.paint("  (" + io.check() + " true, " + io.cross() + " false)", Style.DIM));
            for (EvaluatedExpression e : r.evaluatedExpressions()) {
                expression(e, "  ");
            }
        }
        details("Effect details", r.effectDetails());
        details("IfNotExists details", r.ifNotExistsDetails());
        out.flush();
    }

    void expression(EvaluatedExpression e, String indent) {
        String mark = e.passed() ? io.paint(io.check(), Style.GREEN) : io.paint(io.cross(), Style.RED);
        out.println(indent + mark + " " + e.expressionKind() + "  " + e.expression());
        String where = e.path() == null ? "" : e.path() + ": ";
        out.println(indent + "    " + io.paint(where, Style.DIM) + value(e.expressionValue()) + " " + io.arrow() + " "
                + value(e.targetValue()) + "  " + io.paint("(" + e.operator() + ")", Style.CYAN));
    }

    private void details(String title, JsonNode details) {
        if (details == null || details.isNull()) {
            return;
        }
        out.println();
        out.println(io.paint(title, Style.BOLD));
        java.io.StringWriter w = new java.io.StringWriter();
        JsonOutput.print(new PrintWriter(w), details);
        for (String line : w.toString().split("\n")) {
            out.println("  " + line);
        }
    }

    /**
     * Many results (an initiative, several resources): grouped by resource, the applicable
     * results one line each (worst first) with the reason under those that aren't compliant.
     */
    void many(Policies.Loaded loaded, int policies, List<Outcome> outcomes, int resources, boolean all, boolean explain) {
        field(loaded.kind().equals("initiative") ? "Initiative" : "Policy", io.paint(loaded.ref().label(), Style.BOLD));
        if (loaded.ref().name() != null && !loaded.ref().name().equals(loaded.ref().label())) {
            field("", io.paint(loaded.ref().name(), Style.DIM));
        }
        field("Evaluated", policies + (policies == 1 ? " policy" : " policies") + (io.unicode() ? " × " : " x ") + resources
                + (resources == 1 ? " resource" : " resources") + " = " + outcomes.size() + " evaluations");
        Map<JsonNode, List<Outcome>> byResource = new IdentityHashMap<>();
        List<JsonNode> order = new ArrayList<>();
        for (Outcome o : outcomes) {
            byResource.computeIfAbsent(o.resource(), k -> {
                order.add(k);
                return new ArrayList<>();
            }).add(o);
        }
        for (JsonNode resource : order) {
            List<Outcome> list = new ArrayList<>(byResource.get(resource));
            out.println();
            Outcome first = list.get(0);
            out.println(io.paint(first.resourceLabel(), Style.BOLD) + (first.resourceId() == null ? "" : "  " + io.paint(first.resourceId(), Style.DIM)));
            list.sort(Comparator.comparingInt(o -> rank(o.result().complianceState())));
            int hidden = 0;
            int disabled = 0;
            int width = 0;
            for (Outcome o : list) {
                width = Math.max(width, o.result().effect() == null ? 0 : o.result().effect().length());
            }
            for (Outcome o : list) {
                EvaluationResult r = o.result();
                if (!all && !r.applicable()) {
                    if (r.effectKind() == Effect.DISABLED) {
                        disabled++;
                    } else {
                        hidden++;
                    }
                    continue;
                }
                String name = o.policy().label() + (o.policy().name() != null && !o.policy().name().equals(o.policy().label())
                        ? io.paint("  " + o.policy().name(), Style.DIM) : "");
                out.println("  " + mark(r) + " " + pad(state(r.complianceState()), r.complianceState().displayName(), 13) + " "
                        + pad(r.effect(), r.effect(), width) + "  " + name);
                if (!r.compliant() || all && !r.applicable()) {
                    out.println("      " + io.paint(r.reason(), Style.DIM));
                }
                if (explain && !r.compliant()) {
                    for (EvaluatedExpression e : r.evaluatedExpressions()) {
                        expression(e, "      ");
                    }
                }
            }
            if (hidden + disabled > 0) {
                List<String> parts = new ArrayList<>();
                if (hidden > 0) {
                    parts.add(hidden + " not applicable");
                }
                if (disabled > 0) {
                    parts.add(disabled + " disabled");
                }
                out.println("  " + io.paint("(" + String.join(", ", parts) + (hidden + disabled == 1 ? " policy" : " policies")
                        + " not shown; --all lists them)", Style.DIM));
            }
        }
        out.println();
        out.println(summaryLine(outcomes, resources));
        out.flush();
    }

    String summaryLine(List<Outcome> outcomes, int resources) {
        Map<ComplianceState, Integer> counts = new LinkedHashMap<>();
        for (ComplianceState c : ComplianceState.values()) {
            counts.put(c, 0);
        }
        outcomes.forEach(o -> counts.merge(o.result().complianceState(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n > 0) {
                parts.add(n + " " + c.displayName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT)
                        .replace("not-applicable", "not applicable"));
            }
        });
        java.util.Set<JsonNode> bad = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        outcomes.stream().filter(o -> !o.result().compliant()).forEach(o -> bad.add(o.resource()));
        String verdict = bad.isEmpty() ? io.paint("compliant", Style.GREEN)
                : io.paint(bad.size() + " of " + resources + (resources == 1 ? " resource" : " resources") + " not compliant", Style.RED);
        return io.paint("Summary", Style.BOLD) + "  " + outcomes.size() + " evaluations: " + String.join(", ", parts) + "; " + verdict;
    }

    void diagnostics(List<Diagnostic> diagnostics, String source) {
        PrintWriter err = io.err();
        for (Diagnostic d : diagnostics) {
            if (d.severity() == Diagnostic.Severity.INFO) {
                continue;
            }
            err.println("rampart: " + d.severity().name().toLowerCase(Locale.ROOT) + ": " + source + ": " + d.path() + ": "
                    + d.message() + " [" + d.code() + "]");
        }
        err.flush();
    }

    private static int rank(ComplianceState s) {
        return switch (s) {
            case ERROR -> 0;
            case NON_COMPLIANT -> 1;
            case UNKNOWN, CONFLICT -> 2;
            case COMPLIANT, PROTECTED, EXEMPT -> 3;
            case NOT_APPLICABLE -> 4;
        };
    }

    private String mark(EvaluationResult r) {
        if (!r.applicable()) {
            return io.paint("-", Style.DIM);
        }
        if (r.compliant()) {
            return io.paint(io.check(), Style.GREEN);
        }
        return r.complianceState() == ComplianceState.UNKNOWN ? io.paint("?", Style.YELLOW) : io.paint(io.cross(), Style.RED);
    }

    private String state(ComplianceState s) {
        return switch (s) {
            case COMPLIANT, PROTECTED, EXEMPT -> io.paint(s.displayName(), Style.GREEN);
            case NON_COMPLIANT, ERROR -> io.paint(s.displayName(), Style.RED, Style.BOLD);
            case UNKNOWN, CONFLICT -> io.paint(s.displayName(), Style.YELLOW);
            case NOT_APPLICABLE -> io.paint(s.displayName(), Style.DIM);
        };
    }

    /** Pads a possibly colored string by the width of its plain text. */
    private static String pad(String shown, String plain, int width) {
        int n = plain == null ? 0 : plain.length();
        return (shown == null ? "" : shown) + " ".repeat(Math.max(0, width - n));
    }

    private void field(String label, String value) {
        out.println(pad(io.paint(label, Style.BOLD), label, 12) + (value == null ? "" : value));
    }

    /** A value as compact JSON, cut to fit a line. */
    String value(JsonNode v) {
        String s = v == null ? "null" : JsonOutput.toCompactJson(v);
        if (s.length() > VALUE_WIDTH) {
            s = s.substring(0, VALUE_WIDTH) + io.ellipsis();
        }
        return s;
    }
}
