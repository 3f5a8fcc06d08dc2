package io.rampart.gate.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.gate.CheckReport;
import io.rampart.gate.FailOn;
import io.rampart.gate.Finding;
import io.rampart.gate.Level;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateReport;
import io.rampart.policy.EvaluatedExpression;
import io.rampart.template.TemplateProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --format text}: one line per finding and template problem, in the style compilers use so
 * editors and CI log parsers link them,
 *
 * <pre>
 * infra/main.json:12:5: deny Secure transfer to storage accounts should be enabled on sa1 (Microsoft.Storage/storageAccounts) — message
 *     resource  /subscriptions/.../storageAccounts/sa1
 *     policy    404c3081-... · effect Deny · assignment storage
 *     ✗ Field  Microsoft.Storage/storageAccounts/supportsHttpsTrafficOnly
 *         properties.supportsHttpsTrafficOnly: false → true  (Equals)
 * </pre>
 *
 * then a summary table (one row per template) and a verdict line.
 */
public final class TextReport {

    /**
     * @param color   ANSI colors (only on a terminal)
     * @param unicode ✓ ✗ → — … (else + x -> - ...)
     * @param explain the resource, policy and evaluated expressions under each finding
     */
    public record Options(boolean color, boolean unicode, boolean explain) {
    }

    private static final int VALUE_WIDTH = 100;

    private final Options o;
    private final StringBuilder out = new StringBuilder();

    private TextReport(Options o) {
        this.o = o;
    }

    public static String write(CheckReport report, Options options) {
        TextReport t = new TextReport(options);
        t.findings(report);
        t.summary(report);
        return t.out.toString();
    }

    /** Only the summary table and the verdict (stdout when the report goes to a file). */
    public static String summaryOnly(CheckReport report, Options options) {
        TextReport t = new TextReport(options);
        t.summary(report);
        return t.out.toString();
    }

    private void findings(CheckReport report) {
        for (TemplateReport t : report.templates()) {
            for (TemplateProblem p : t.problems()) {
                String level = p.error() ? paint("error", "31") : paint("warning", "33");
                line(TemplateCheck.where(p.location()) + ": " + level + ": " + p.message() + paint(" [" + p.code() + "]", "2"));
            }
            for (Finding f : t.findings()) {
                finding(f, report.blocks(f));
            }
        }
    }

    private void finding(Finding f, boolean blocking) {
        String level = f.level().id();
        String styled = switch (f.level()) {
            case DENY -> paint(level, blocking ? "1;31" : "31");
            case AUDIT -> paint(level, blocking ? "1;33" : "33");
            case INFO -> paint(level, "36");
        };
        String message = f.nonComplianceMessage() != null ? f.nonComplianceMessage() : f.reason();
        line(JunitReport.where(f) + ": " + styled + " " + paint(f.policy().definition().label(), "1") + " on " + f.resource().label()
                + " " + dash() + " " + message);
        if (!o.explain()) {
            return;
        }
        line("    " + paint("resource", "2") + "  " + f.resource().id());
        StringBuilder p = new StringBuilder();
        p.append(f.policy().definition().key()).append(" ").append(dot()).append(" effect ").append(f.effect()).append(" ").append(dot())
                .append(" ").append(f.complianceState().displayName()).append(" ").append(dot()).append(" assignment ")
                .append(f.policy().assignment());
        if (f.policy().enforcementMode() != io.rampart.gate.EnforcementMode.DEFAULT) {
            p.append(" (").append(f.policy().enforcementMode().displayName()).append(')');
        }
        if (f.policy().referenceId() != null) {
            p.append(" ").append(dot()).append(" reference ").append(f.policy().referenceId());
        }
        line("    " + paint("policy", "2") + "    " + p);
        if (f.nonComplianceMessage() != null) {
            line("    " + paint("reason", "2") + "    " + f.reason());
        }
        if (f.error() != null) {
            line("    " + paint("error", "31") + "     " + f.error().code() + ": " + f.error().message());
        }
        for (EvaluatedExpression e : f.explanation()) {
            String mark = e.passed() ? paint(o.unicode() ? "✓" : "+", "32") : paint(o.unicode() ? "✗" : "x", "31");
            line("    " + mark + " " + e.expressionKind() + "  " + e.expression());
            String where = e.path() == null ? "" : paint(e.path() + ": ", "2");
            line("        " + where + value(e.expressionValue()) + " " + (o.unicode() ? "→" : "->") + " " + value(e.targetValue()) + "  "
                    + paint("(" + e.operator() + ")", "36"));
        }
    }

    private void summary(CheckReport report) {
        CheckReport.Summary s = report.summary();
        if (!out.isEmpty()) {
            line("");
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TEMPLATE", "STATUS", "RESOURCES", "DENY", "AUDIT", "INFO"});
        for (TemplateReport t : report.templates()) {
            boolean failed = t.failed();
            rows.add(new String[]{t.file(), t.status().id(), failed ? "-" : Integer.toString(t.resources().size()),
                    failed ? "-" : Long.toString(t.count(Level.DENY)), failed ? "-" : Long.toString(t.count(Level.AUDIT)),
                    failed ? "-" : Long.toString(t.count(Level.INFO))});
        }
        int[] w = new int[6];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = i < 2 ? pad(r[i], w[i]) : padLeft(r[i], w[i]);
                b.append(i == 0 ? "" : "  ").append(cell);
            }
            String row = b.toString().stripTrailing();
            if (n == 0) {
                row = paint(row, "1");
            } else if (report.templates().get(n - 1).failed()) {
                row = paint(row, "31");
            }
            line(row);
        }
        line("");
        line(s.templates() + (s.templates() == 1 ? " template" : " templates") + " (" + s.expanded() + " expanded, " + s.failed()
                + " failed), " + s.resources() + (s.resources() == 1 ? " resource" : " resources") + ", " + s.findings()
                + (s.findings() == 1 ? " finding" : " findings") + " (" + s.deny() + " deny, " + s.audit() + " audit, " + s.info() + " info)");
        List<String> why = new ArrayList<>();
        if (s.blocking() > 0) {
            why.add(s.blocking() + (s.blocking() == 1 ? " blocking finding" : " blocking findings"));
        }
        if (s.failed() > 0 && report.failOn() != FailOn.NONE) {
            why.add(s.failed() + (s.failed() == 1 ? " template" : " templates") + " failed");
        }
        String verdict = "fail-on " + report.failOn().id() + ": " + (report.passed() ? "passed" : "FAILED " + dash() + " " + String.join(", ", why));
        line(report.passed() ? paint(verdict, "32") : paint(verdict, "1;31"));
    }

    private String value(JsonNode v) {
        String s = v == null ? "null" : JsonText.compact(v);
        return s.length() > VALUE_WIDTH ? s.substring(0, VALUE_WIDTH) + (o.unicode() ? "…" : "...") : s;
    }

    private String dash() {
        return o.unicode() ? "—" : "-";
    }

    private String dot() {
        return o.unicode() ? "·" : "-";
    }

    private String paint(String s, String code) {
        return o.color() && !s.isEmpty() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
