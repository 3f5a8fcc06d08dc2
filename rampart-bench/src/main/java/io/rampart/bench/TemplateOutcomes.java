package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.gate.Expander;
import io.rampart.gate.Finding;
import io.rampart.gate.Level;
import io.rampart.gate.TemplateCheck;
import io.rampart.gate.TemplateReport;
import io.rampart.template.TemplateProblem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What checking the corpus produces, from one untimed pass after the measured ones: the counts
 * the rates are per (templates, resources, policy evaluations), how many templates expand, why
 * the others fail, findings by level, Rampart's own failures, and the slowest templates (each
 * timed alone, best of {@link #REPEATS}: rougher than the medians of whole passes).
 */
final class TemplateOutcomes {

    /** How many of the slowest templates are listed. */
    static final int SLOWEST = 10;
    /**
     * Each template is expanded and checked this many times and the fastest time kept: a single
     * run of a few milliseconds is easily doubled by a GC or a busy neighbour.
     */
    static final int REPEATS = 3;

    int templates;
    int expanded;
    int failed;
    /** Resources the gate evaluates: deployed, not {@code existing}, not deployment wrappers. */
    long resources;
    /** Every resource of the successful expansions, wrappers and {@code existing} references included. */
    long expandedResources;
    /** (resource, policy) pairs where the policy applies. */
    long checks;
    long exceptions;
    final Map<String, Long> failuresByCode = new TreeMap<>();
    /** Template path → its first error, for the JSON only. */
    final Map<String, String> failures = new TreeMap<>();
    final Map<String, Long> warningsByCode = new TreeMap<>();
    final Map<String, Long> findingsByLevel = new TreeMap<>();
    /** Findings that are Rampart failing to evaluate a policy (a bug), by message. */
    final Map<String, Long> evaluationFailures = new TreeMap<>();
    final List<String> samples = new ArrayList<>();
    private final List<Slow> timed = new ArrayList<>();

    /** One template's best expand and check time in the outcome pass. */
    record Slow(String path, double expandSeconds, double checkSeconds, int resources, int checks) {
    }

    static TemplateOutcomes of(List<TemplateCorpus.Template> corpus, Expander expander, TemplateCheck check) {
        TemplateOutcomes o = new TemplateOutcomes();
        for (TemplateCorpus.Template t : corpus) {
            o.add(t, expander, check);
        }
        o.timed.sort(Comparator.comparingDouble(Slow::checkSeconds).reversed());
        return o;
    }

    private void add(TemplateCorpus.Template t, Expander expander, TemplateCheck check) {
        templates++;
        try {
            TemplateCheck.Expanded x = null;
            TemplateReport r = null;
            long expandNanos = Long.MAX_VALUE;
            long checkNanos = Long.MAX_VALUE;
            for (int i = 0; i < REPEATS; i++) {
                long a = System.nanoTime();
                x = TemplateCheck.expand(t.input(), expander);
                long b = System.nanoTime();
                r = check.check(t.input());
                long c = System.nanoTime();
                expandNanos = Math.min(expandNanos, b - a);
                checkNanos = Math.min(checkNanos, c - b);
            }
            timed.add(new Slow(t.path(), expandNanos / 1e9, checkNanos / 1e9, r.resources().size(), r.checks().size()));
            for (TemplateProblem p : r.problems()) {
                if (!p.error()) {
                    warningsByCode.merge(p.code(), 1L, Long::sum);
                }
            }
            if (r.failed()) {
                failed++;
                TemplateProblem e = r.error();
                failuresByCode.merge(e == null ? "?" : e.code(), 1L, Long::sum);
                String why = e == null ? "?" : e.code() + ": " + e.message();
                failures.put(t.path(), why.length() > 240 ? why.substring(0, 240) : why);
                if (e != null && TemplateCheck.INTERNAL_ERROR.equals(e.code())) {
                    sample(t.path() + ": " + TemplateCheck.describe(e));
                }
                return;
            }
            expanded++;
            expandedResources += x.expansion() == null ? 0 : x.expansion().resources().size();
            resources += r.resources().size();
            checks += r.checks().size();
            for (Finding f : r.findings()) {
                findingsByLevel.merge(f.level().id(), 1L, Long::sum);
                if (f.error() != null && TemplateCheck.INTERNAL_ERROR.equals(f.error().code())) {
                    String m = f.error().message();
                    evaluationFailures.merge(m.length() > 160 ? m.substring(0, 160) : m, 1L, Long::sum);
                }
            }
        } catch (RuntimeException | StackOverflowError e) {
            // The gate promises not to throw; if it does, the measured passes counted it too.
            exceptions++;
            sample(t.path() + ": " + e);
        }
    }

    private void sample(String s) {
        if (samples.size() < 20) {
            samples.add(s);
        }
    }

    List<Slow> slowest() {
        return timed.subList(0, Math.min(SLOWEST, timed.size()));
    }

    /** Seconds of the outcome pass's check, summed over templates: the share of the slowest ones. */
    double checkSeconds() {
        return timed.stream().mapToDouble(Slow::checkSeconds).sum();
    }

    ObjectNode toJson() {
        ObjectNode o = Values.object();
        o.put("templates", templates);
        o.put("expanded", expanded);
        o.put("failed", failed);
        o.put("resources", resources);
        o.put("expandedResources", expandedResources);
        o.put("applicableChecks", checks);
        o.put("exceptions", exceptions);
        o.set("failuresByCode", counts(failuresByCode));
        ObjectNode f = o.putObject("failures");
        failures.forEach(f::put);
        o.set("warningsByCode", counts(warningsByCode));
        o.set("findingsByLevel", counts(findingsByLevel));
        o.set("policyEvaluationFailures", counts(evaluationFailures));
        ArrayNode s = o.putArray("samples");
        samples.forEach(s::add);
        ArrayNode slow = o.putArray("slowest");
        for (Slow t : slowest()) {
            slow.addObject().put("template", t.path()).put("expandSeconds", t.expandSeconds()).put("checkSeconds", t.checkSeconds())
                    .put("resources", t.resources()).put("applicableChecks", t.checks());
        }
        return o;
    }

    void print() {
        System.out.printf(Locale.ROOT, "outcomes: %,d templates, %,d expand (%,d resources checked, %,d expanded incl. existing and"
                        + " deployment wrappers), %,d fail %s; %,d applicable checks; findings %s%s%n",
                templates, expanded, resources, expandedResources, failed, failuresByCode, checks, findingsByLevel,
                exceptions > 0 ? "; exceptions: " + exceptions : "");
        if (!evaluationFailures.isEmpty()) {
            System.out.println("policy evaluations that failed inside Rampart: " + evaluationFailures);
        }
        samples.forEach(s -> System.out.println("  " + s));
        double total = checkSeconds();
        System.out.printf(Locale.ROOT, "slowest templates to check (each timed alone, best of %d; these %d take %.0f %% of the total):%n",
                REPEATS, slowest().size(), total == 0 ? 0 : 100 * slowest().stream().mapToDouble(Slow::checkSeconds).sum() / total);
        for (Slow t : slowest()) {
            System.out.printf(Locale.ROOT, "  %8.1f ms check, %7.1f ms expand, %4d resources, %5d checks  %s%n", t.checkSeconds() * 1e3,
                    t.expandSeconds() * 1e3, t.resources(), t.checks(), t.path());
        }
    }

    private static ObjectNode counts(Map<String, Long> m) {
        ObjectNode o = Values.object();
        m.forEach(o::put);
        return o;
    }
}
