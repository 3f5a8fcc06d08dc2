package io.rampart.expression;

import io.rampart.expression.ast.Expr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

class ExpressionParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "concat('a'                 | 10 | before the closing ')'",
            "concat('a',)               | 11 | Unexpected character ')'",
            "'abc                       | 0  | not terminated",
            "concat('a') x              | 12 | after the end of the expression",
            "foo                        | 0  | must be followed by '('",
            "a.b                        | 0  | must be followed by '('",
            "concat('a')[               | 12 | ended where a value was expected",
            "concat('a')[0              | 13 | ended where ']' was expected",
            "concat('a').               | 12 | Expected a property name",
            "-                          | 0  | must be followed by digits",
            "1.5                        | 0  | Floating point literals are not supported",
            "99999999999999999999       | 0  | out of range for a 64-bit integer",
            "concat(1 2)                | 9  | Expected ',' or ')'",
            "#                          | 0  | Unexpected character '#'",
    })
    void errorsNameThePosition(String text, int position, String message) {
        assertThatThrownBy(() -> ExpressionParser.parse(text))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("(at position " + (position + 1) + " of '")
                .asInstanceOf(type(ExpressionSyntaxException.class))
                .satisfies(e -> {
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.source()).isEqualTo(text);
                });
    }

    @Test
    void emptyExpressionIsAnError() {
        assertThatThrownBy(() -> ExpressionParser.parse("   "))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedWithoutStackOverflow() {
        String deep = "concat(".repeat(ExpressionParser.MAX_DEPTH + 1) + "'x'" + ")".repeat(ExpressionParser.MAX_DEPTH + 1);
        assertThatThrownBy(() -> ExpressionParser.parse(deep))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("nested more than " + ExpressionParser.MAX_DEPTH);
    }

    @Test
    void doubledQuotesAreOneQuote() {
        Expr e = ExpressionParser.parse("'it''s'");
        assertThat(((Expr.Literal) e).value().textValue()).isEqualTo("it's");
    }

    @Test
    void callsMembersAndIndexesKeepTheirPositions() {
        Expr e = ExpressionParser.parse("f(1).a['b']");
        assertThat(e).isInstanceOf(Expr.Index.class);
        Expr.Index index = (Expr.Index) e;
        assertThat(index.position()).isEqualTo(6);
        Expr.Member member = (Expr.Member) index.target();
        assertThat(member.name()).isEqualTo("a");
        assertThat(member.position()).isEqualTo(4);
        assertThat(((Expr.Call) member.target()).name()).isEqualTo("f");
    }

    @Test
    void unknownFunctionIsACompileError() {
        ExpressionCompiler compiler = new ExpressionCompiler(FunctionLibrary.standard());
        assertThatThrownBy(() -> compiler.compileString("[noSuchFunction(1)]"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("'noSuchFunction' is not valid");
        assertThatThrownBy(() -> compiler.compileString("[concat()]"))
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("must have at least 1 parameter(s)");
    }
}
