package io.rampart.expression.functions;

import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.ExpressionCompiler;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.FunctionLibrary;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Regression: float() and json() read numbers as exact decimals, so {@code float('1e999999999')}
 * was a number whose string() (toPlainString) or int() (setScale) needed a billion digits: a
 * policy or template could hang or exhaust memory. Numbers beyond a double's range are now refused.
 */
class ExtremeNumbersTest {

    private static final ExpressionCompiler COMPILER = new ExpressionCompiler(FunctionLibrary.standard());
    private static final EvalContext CTX = EvalContext.of(null, Clock.systemUTC(), EvaluationLimits.AZURE_POLICY);

    @Test
    void numbersBeyondADoubleAreAnExpressionErrorPromptly() {
        for (String e : new String[]{"[string(float('1e999999999'))]", "[int(float('-1e999999999'))]",
                "[string(json('1e999999999'))]", "[format('{0:N2}', json('[1e999999999]')[0])]", "[json('{\"a\": 1e400}')]",
                "[float('1e309')]"}) {
            assertTimeoutPreemptively(Duration.ofSeconds(30), () ->
                    assertThatThrownBy(() -> COMPILER.compileString(e).evaluate(CTX)).as(e).isInstanceOf(ExpressionException.class));
        }
    }

    @Test
    void numbersWithinADoubleStillWork() {
        assertThat(COMPILER.compileString("[string(float('1.5'))]").evaluate(CTX).textValue()).isEqualTo("1.5");
        assertThat(COMPILER.compileString("[length(string(json('1e300')))]").evaluate(CTX).intValue()).isEqualTo(301);
        assertThat(COMPILER.compileString("[json('[0.1, -2e10]')]").evaluate(CTX).get(1).decimalValue().longValueExact())
                .isEqualTo(-20_000_000_000L);
    }
}
