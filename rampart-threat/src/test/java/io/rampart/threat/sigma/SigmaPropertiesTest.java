package io.rampart.threat.sigma;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** Property tests of the parsers: conditions round-trip through their text; escaping round-trips; wildcards agree with a reference. */
class SigmaPropertiesTest {

    @Property(tries = 300)
    void conditionsRoundTripThroughTheirText(@ForAll("conditions") ConditionExpr e) {
        String text = ConditionExpr.print(e);
        assertThat(ConditionParser.parse(text)).as(text).isEqualTo(e);
    }

    @Provide
    Arbitrary<ConditionExpr> conditions() {
        return expr(3);
    }

    private static Arbitrary<ConditionExpr> expr(int depth) {
        Arbitrary<ConditionExpr> leaf = Arbitraries.oneOf(
                Arbitraries.of("selection", "sel_a", "filter_main_1", "keywords", "Selection2").map(ConditionExpr.Ref::new),
                Arbitraries.of("selection_*", "filter*", "sel_?").flatMap(p -> Arbitraries.of(true, false).map(all -> new ConditionExpr.Of(all, p))),
                Arbitraries.of(true, false).map(all -> new ConditionExpr.Of(all, null)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<ConditionExpr> sub = expr(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(1, sub.map(ConditionExpr.Not::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(ConditionExpr.And::new)),
                net.jqwik.api.Tuple.of(1, sub.list().ofMinSize(2).ofMaxSize(3).map(ConditionExpr.Or::new)));
    }

    @Property(tries = 500)
    void escapedTextMatchesExactlyItself(@ForAll @StringLength(max = 12) String raw, @ForAll @StringLength(max = 12) String other) {
        String text = raw.replace('\u0000', 'x');
        SigmaString s = SigmaString.parse(SigmaString.literal(text).toSigma());
        assertThat(s.hasWildcards()).isFalse();
        assertThat(s.plain()).isEqualTo(text);
        ValuePattern p = ValueCompiler.pattern(s, false);
        assertThat(p.test(text, text.toLowerCase(Locale.ROOT))).isTrue();
        boolean same = other.toLowerCase(Locale.ROOT).equals(text.toLowerCase(Locale.ROOT));
        assertThat(p.test(other, other.toLowerCase(Locale.ROOT))).isEqualTo(same);
    }

    @Property(tries = 500)
    void wildcardsAgreeWithAReferenceRegex(@ForAll("globs") String glob, @ForAll("subjects") String subject) {
        ValuePattern p = ValueCompiler.pattern(SigmaString.parse(glob), false);
        String reference = glob.replace(".", "\\.").replace("*", ".*").replace("?", ".");
        boolean expected = java.util.regex.Pattern.compile(reference, java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL)
                .matcher(subject).matches();
        assertThat(p.test(subject, subject.toLowerCase(Locale.ROOT))).as("%s ~ %s", glob, subject).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars("ab.*?").ofMaxLength(6);
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings().withChars("abAB.").ofMaxLength(7);
    }

    @Property(tries = 200)
    void theReaderNeverThrows(@ForAll @StringLength(max = 200) String yaml) {
        SigmaReader.Read r = SigmaReader.read(yaml, "fuzz.yml");
        assertThat(r.rules().size() + r.correlations().size() + r.problems().size()).isPositive();
        for (SigmaRule rule : r.rules()) {
            new RuleCompiler().compile(rule);
        }
    }
}
