package io.rampart.threat.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules read and compiled from many sources: what compiled, the correlation rules, and every
 * rule that could not be read or compiled (with its reason). One bad rule never stops the others.
 *
 * @param total rules found (compiled + failed), correlation rules included
 */
public record RuleSet(List<CompiledRule> rules, List<CorrelationRule> correlations, List<RuleProblem> problems, int total) {

    public RuleSet {
        rules = List.copyOf(rules);
        correlations = List.copyOf(correlations);
        problems = List.copyOf(problems);
    }

    public static RuleSet compile(List<RuleSource> sources, RuleCompiler compiler) {
        List<CompiledRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        int total = 0;
        for (RuleSource s : sources) {
            SigmaReader.Read read = SigmaReader.read(s.yaml(), s.name());
            problems.addAll(read.problems());
            total += read.problems().size() + read.correlations().size();
            correlations.addAll(read.correlations());
            for (SigmaRule r : read.rules()) {
                total++;
                switch (compiler.compile(r)) {
                    case RuleCompiler.Compiled c -> rules.add(c.rule());
                    case RuleCompiler.Failed f -> problems.add(f.problem());
                }
            }
        }
        List<CorrelationRule> resolved = new ArrayList<>();
        for (CorrelationRule c : correlations) {
            List<String> missing = new ArrayList<>();
            for (String ref : c.rules()) {
                if (rules.stream().noneMatch(r -> refersTo(r.rule(), ref))) {
                    missing.add(ref);
                }
            }
            if (missing.isEmpty()) {
                resolved.add(c);
            } else {
                problems.add(new RuleProblem(c.meta().source(), c.meta().id(), c.meta().title(),
                        "correlation refers to rules that are not in the set (or did not compile): " + String.join(", ", missing)));
            }
        }
        return new RuleSet(rules, resolved, problems, total);
    }

    /** A correlation names a rule by its id or its name. */
    public static boolean refersTo(SigmaRule rule, String ref) {
        return ref.equals(rule.id()) || ref.equals(rule.name());
    }

    public int compiled() {
        return rules.size() + correlations.size();
    }

    /** The same set with more rules added (the union is recompiled only for correlation references). */
    public RuleSet plus(RuleSet other) {
        List<CompiledRule> r = new ArrayList<>(rules);
        r.addAll(other.rules);
        List<CorrelationRule> c = new ArrayList<>(correlations);
        c.addAll(other.correlations);
        List<RuleProblem> p = new ArrayList<>(problems);
        p.addAll(other.problems);
        return new RuleSet(r, c, p, total + other.total);
    }
}
