package io.rampart.gate.report;

import io.rampart.gate.Check;
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
 * {@code --format junit}: JUnit XML for CI test reports (Azure DevOps PublishTestResults, GitLab,
 * Jenkins).
 *
 * <ul>
 *   <li>one {@code <testsuite>} per template (name = the template file);</li>
 *   <li>a first test case, "template expands": passes, or {@code <error>} when the template can't
 *       be expanded (or {@code <skipped>} under {@code --fail-on none});</li>
 *   <li>one test case per (resource, policy) where the policy applies, named "resource (type):
 *       policy [reference id]" (plus the assignment when the same policy reaches the resource
 *       through several): compliant → passes;
 *       a blocking finding → {@code <failure>}; a non-blocking audit finding → passes with the
 *       finding in {@code <system-out>}; an info finding (cannot decide before deployment,
 *       DoNotEnforce) → {@code <skipped>}.</li>
 * </ul>
 *
 * No timestamps or durations, so output is reproducible.
 */
public final class JunitReport {

    private JunitReport() {
    }

    private record Case(String classname, String name, String kind, String type, String message, String body) {
    }

    public static String write(CheckReport report) {
        StringBuilder suites = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (TemplateReport t : report.templates()) {
            List<Case> cases = cases(t, report);
            int f = (int) cases.stream().filter(c -> "failure".equals(c.kind())).count();
            int e = (int) cases.stream().filter(c -> "error".equals(c.kind())).count();
            int s = (int) cases.stream().filter(c -> "skipped".equals(c.kind())).count();
            tests += cases.size();
            failures += f;
            errors += e;
            skipped += s;
            suites.append("  <testsuite name=\"").append(attr(t.file())).append("\" tests=\"").append(cases.size())
                    .append("\" failures=\"").append(f).append("\" errors=\"").append(e).append("\" skipped=\"").append(s).append("\">\n");
            suites.append("    <properties>\n");
            property(suites, "status", t.status().id());
            if (t.scope() != null) {
                property(suites, "scope", JsonReport.scope(t.scope()));
            }
            if (t.parametersFile() != null) {
                property(suites, "parameters", t.parametersFile());
            }
            property(suites, "resources", Integer.toString(t.resources().size()));
            suites.append("    </properties>\n");
            for (Case c : cases) {
                suites.append("    <testcase classname=\"").append(attr(c.classname())).append("\" name=\"").append(attr(c.name())).append('"');
                if (c.kind() == null) {
                    suites.append("/>\n");
                    continue;
                }
                suites.append(">\n");
                switch (c.kind()) {
                    case "failure", "error" -> suites.append("      <").append(c.kind()).append(" type=\"").append(attr(c.type()))
                            .append("\" message=\"").append(attr(c.message())).append("\">").append(text(c.body())).append("</")
                            .append(c.kind()).append(">\n");
                    case "skipped" -> suites.append("      <skipped message=\"").append(attr(c.message())).append("\"/>\n");
                    case "out" -> suites.append("      <system-out>").append(text(c.body())).append("</system-out>\n");
                    default -> throw new IllegalStateException(c.kind());
                }
                suites.append("    </testcase>\n");
            }
            suites.append("  </testsuite>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"rampart template check\" tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"" + errors
                + "\" skipped=\"" + skipped + "\">\n" + suites + "</testsuites>\n";
    }

    private static List<Case> cases(TemplateReport t, CheckReport report) {
        List<Case> out = new ArrayList<>();
        if (t.failed()) {
            TemplateProblem first = t.error();
            String message = first == null ? "the template failed" : first.message();
            StringBuilder body = new StringBuilder();
            for (TemplateProblem p : t.problems()) {
                body.append(TemplateCheck.describe(p)).append('\n');
            }
            boolean blocks = report.failOn() != FailOn.NONE;
            out.add(new Case(t.file(), "template expands", blocks ? "error" : "skipped", first == null ? "TemplateFailed" : first.code(),
                    message, body.toString()));
            return out;
        }
        out.add(new Case(t.file(), "template expands", null, null, null, null));
        // The same policy can reach a resource through two assignments: then the name says which.
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (Check c : t.checks()) {
            seen.merge(baseName(c), 1, Integer::sum);
        }
        for (Check c : t.checks()) {
            String name = baseName(c) + (seen.get(baseName(c)) > 1 ? " (assignment " + c.policy().assignment() + ")" : "");
            Finding f = c.finding();
            if (f == null) {
                out.add(new Case(t.file(), name, null, null, null, null));
            } else if (report.blocks(f)) {
                out.add(new Case(t.file(), name, "failure", f.level().id(), f.message(), details(f)));
            } else if (f.level() == Level.INFO) {
                out.add(new Case(t.file(), name, "skipped", null, f.message(), null));
            } else {
                out.add(new Case(t.file(), name, "out", null, null, f.level().id() + ": " + f.message() + "\n" + details(f)));
            }
        }
        return out;
    }

    private static String baseName(Check c) {
        return c.resource().label() + ": " + c.policy().definition().label()
                + (c.policy().referenceId() != null ? " [" + c.policy().referenceId() + "]" : "");
    }

    private static String details(Finding f) {
        StringBuilder b = new StringBuilder();
        b.append(where(f)).append('\n');
        b.append("resource: ").append(f.resource().id()).append('\n');
        b.append("policy: ").append(f.policy().definition().label()).append(" (").append(f.policy().definition().key()).append(")\n");
        if (f.policy().initiative() != null) {
            b.append("initiative: ").append(f.policy().initiative().label()).append(", reference ").append(f.policy().referenceId()).append('\n');
        }
        b.append("assignment: ").append(f.policy().assignment()).append(" (").append(f.policy().enforcementMode().displayName()).append(")\n");
        b.append("effect: ").append(f.effect()).append(", compliance state: ").append(f.complianceState().displayName()).append('\n');
        b.append("reason: ").append(f.reason()).append('\n');
        for (EvaluatedExpression e : f.explanation()) {
            b.append("  ").append(e.passed() ? "[true] " : "[false] ").append(e.expressionKind()).append(' ').append(e.expression());
            if (e.path() != null) {
                b.append(" (").append(e.path()).append(')');
            }
            b.append(": ").append(value(e.expressionValue())).append(' ').append(e.operator()).append(' ').append(value(e.targetValue()))
                    .append('\n');
        }
        return b.toString();
    }

    static String where(Finding f) {
        var s = f.resource().source();
        String file = s == null || s.file() == null ? f.file() : s.file();
        return file + (s != null && s.line() > 0 ? ":" + s.line() + ":" + s.column() : "");
    }

    private static String value(com.fasterxml.jackson.databind.JsonNode v) {
        String s = v == null ? "null" : JsonText.compact(v);
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static void property(StringBuilder b, String name, String value) {
        b.append("      <property name=\"").append(attr(name)).append("\" value=\"").append(attr(value)).append("\"/>\n");
    }

    /** Text for an attribute value: markup, quotes and line breaks escaped, characters XML can't hold dropped. */
    static String attr(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\n' -> b.append("&#10;");
                case '\r' -> b.append("&#13;");
                case '\t' -> b.append("&#9;");
                default -> i = appendChar(b, s, i);
            }
        }
        return b.toString();
    }

    /** Text for element content. */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '\n', '\t' -> b.append(c);
                case '\r' -> b.append("&#13;");
                default -> i = appendChar(b, s, i);
            }
        }
        return b.toString();
    }

    /** Appends the character (or surrogate pair) at i when XML 1.0 allows it; returns the last index used. */
    private static int appendChar(StringBuilder b, String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(i + 1));
                return i + 1;
            }
            b.append('\uFFFD');
            return i;
        }
        if (Character.isLowSurrogate(c) || c < 0x20 || c == '\uFFFE' || c == '\uFFFF') {
            b.append('\uFFFD');
            return i;
        }
        b.append(c);
        return i;
    }
}
