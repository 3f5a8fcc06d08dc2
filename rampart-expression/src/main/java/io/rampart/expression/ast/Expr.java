package io.rampart.expression.ast;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The syntax tree of one ARM template expression (the text between the outer brackets).
 * Positions are zero-based offsets into the expression source, used for error messages.
 */
public sealed interface Expr permits Expr.Literal, Expr.Call, Expr.Member, Expr.Index {

    int position();

    /** A string, integer, boolean or null literal. */
    record Literal(JsonNode value, int position) implements Expr {
    }

    /** A function call; {@code name} keeps the author's spelling (functions are case-insensitive). */
    record Call(String name, List<Expr> args, int position) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** Property access: {@code target.name}. */
    record Member(Expr target, String name, int position) implements Expr {
    }

    /** Index access: {@code target[index]}. */
    record Index(Expr target, Expr index, int position) implements Expr {
    }
}
