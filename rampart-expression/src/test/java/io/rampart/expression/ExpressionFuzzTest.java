package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Generated and mutated expressions: whatever the input, the parser, compiler and evaluator
 * either succeed or throw {@link ExpressionException}, and finish promptly.
 */
class ExpressionFuzzTest {

    private static final ExpressionCompiler COMPILER = new ExpressionCompiler(FunctionLibrary.standard());
    private static final EvalContext CTX = EvalContext.of(null, Clock.fixed(Instant.parse("2024-01-15T10:30:45Z"), ZoneOffset.UTC),
            EvaluationLimits.AZURE_POLICY);

    /** Functions whose arguments the generator can fill with arbitrary values. */
    private static final List<String> FUNCTIONS = List.of(
            "concat", "contains", "length", "empty", "first", "last", "union", "intersection", "createArray",
            "createObject", "string", "int", "bool", "json", "equals", "less", "greater", "coalesce", "and", "or",
            "not", "if", "add", "sub", "mul", "div", "mod", "min", "max", "substring", "replace", "split", "toLower",
            "toUpper", "trim", "padLeft", "format", "base64", "base64ToString", "uriComponent", "uriComponentToString",
            "uri", "dataUri", "dataUriToString", "guid", "uniqueString", "indexOf", "lastIndexOf", "skip", "take",
            "range", "flatten", "items", "objectKeys", "tryGet", "join", "dateTimeAdd", "dateTimeFromEpoch",
            "dateTimeToEpoch", "utcNow", "parseCidr", "cidrSubnet", "cidrHost", "ipRangeContains", "startsWith",
            "endsWith", "array", "shallowMerge", "indexFromEnd", "tryIndexFromEnd", "addDays");

    @Property(tries = 400)
    void generatedExpressionsOnlyEverFailWithExpressionException(@ForAll("expressions") String expression) {
        assertThatCode(() -> runBounded(expression)).doesNotThrowAnyException();
    }

    @Property(tries = 400)
    void mutatedExpressionsOnlyEverFailWithExpressionException(@ForAll("mutated") String expression) {
        assertThatCode(() -> runBounded(expression)).doesNotThrowAnyException();
    }

    @Property(tries = 300)
    void randomTextOnlyEverFailsWithExpressionException(@ForAll @StringLength(max = 80) String text) {
        assertThatCode(() -> runBounded("[" + text + "]")).doesNotThrowAnyException();
    }

    @Property(tries = 50)
    void literalsRoundTrip(@ForAll @StringLength(max = 200) String text, @ForAll long number) {
        JsonNode s = COMPILER.compileString("[" + quote(text) + "]").evaluate(CTX);
        assertThat(s.textValue()).isEqualTo(text);
        JsonNode n = COMPILER.compileString("[" + number + "]").evaluate(CTX);
        assertThat(n.longValue()).isEqualTo(number);
    }

    /** Evaluates, swallowing ExpressionException; anything else (or a hang) fails the property. */
    private static void runBounded(String expression) throws Exception {
        Thread worker = Thread.ofVirtual().unstarted(() -> {
            try {
                COMPILER.compileString(expression).evaluate(CTX);
            } catch (ExpressionException expected) {
                // the only failure an author can cause
            }
        });
        Throwable[] failure = new Throwable[1];
        worker.setUncaughtExceptionHandler((t, e) -> failure[0] = e);
        worker.start();
        worker.join(TimeUnit.SECONDS.toMillis(5));
        if (worker.isAlive()) {
            worker.interrupt();
            throw new AssertionError("evaluation did not finish within 5 seconds: " + expression);
        }
        if (failure[0] != null) {
            throw new AssertionError("unexpected " + failure[0] + " for " + expression, failure[0]);
        }
    }

    @Provide
    Arbitrary<String> expressions() {
        return expression(4).map(e -> "[" + e + "]");
    }

    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<String> noise = Arbitraries.of("(", ")", "[", "]", "'", ",", ".", "''", "-", "{0}", "\u00e9", "\ud83d\ude00",
                "lambda('x', lambdaVariables('x'))", "99999999999999999999", "concat(".repeat(300), "\u0000", " ");
        return Combinators.combine(expressions(), noise, Arbitraries.integers().between(0, 1000), Arbitraries.integers().between(0, 3))
                .as((e, n, at, op) -> {
                    int i = Math.min(at, e.length());
                    return switch (op) {
                        case 0 -> e.substring(0, i) + n + e.substring(i);
                        case 1 -> e.substring(0, i) + e.substring(Math.min(e.length(), i + 1));
                        case 2 -> e.substring(0, i);
                        default -> e.substring(0, i) + n.repeat(20) + e.substring(i);
                    };
                });
    }

    private Arbitrary<String> expression(int depth) {
        Arbitrary<String> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(ExpressionFuzzTest::quote),
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("true()", "false()", "null()", "createArray(1, 2, 3)", "createObject('a', 1)",
                        "'10.0.0.0/24'", "'2024-01-15T10:30:45Z'", "'P1D'", "'{0:N2}'", "json('[1,{\"a\":2}]')",
                        "'fdad:3236:5555::/48'", "range(0, 5)", "-1", "0", "9223372036854775807"));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> call = Combinators.combine(Arbitraries.of(FUNCTIONS), expression(depth - 1).list().ofMaxSize(3))
                .as((f, args) -> f + "(" + String.join(", ", args) + ")");
        Arbitrary<String> lambda = Combinators.combine(Arbitraries.of("map", "filter", "sort", "toObject", "groupBy"), expression(depth - 1))
                .as((f, body) -> f + "(createArray(1, 'a', null()), lambda('x', " + (f.equals("sort") ? "'y', " : "") + body + "))");
        Arbitrary<String> member = expression(depth - 1).map(e -> e + (e.length() % 2 == 0 ? ".a" : "[0]"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(5, call),
                net.jqwik.api.Tuple.of(1, lambda), net.jqwik.api.Tuple.of(1, member));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }
}
