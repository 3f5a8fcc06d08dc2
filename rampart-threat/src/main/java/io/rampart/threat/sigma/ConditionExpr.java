package io.rampart.threat.sigma;

import java.util.List;

/** A rule's {@code condition} as parsed: selections combined with and, or, not and "1 of / all of". */
public sealed interface ConditionExpr {

    record Ref(String name) implements ConditionExpr {
    }

    /** {@code 1 of sel_*}, {@code all of them}; {@code pattern} null means "them". */
    record Of(boolean all, String pattern) implements ConditionExpr {
    }

    record And(List<ConditionExpr> items) implements ConditionExpr {
        public And {
            items = List.copyOf(items);
        }
    }

    record Or(List<ConditionExpr> items) implements ConditionExpr {
        public Or {
            items = List.copyOf(items);
        }
    }

    record Not(ConditionExpr item) implements ConditionExpr {
    }

    /** Sigma text for this expression, fully parenthesised where needed (parse(print(x)) == x). */
    static String print(ConditionExpr e) {
        return switch (e) {
            case Ref r -> r.name();
            case Of o -> (o.all() ? "all of " : "1 of ") + (o.pattern() == null ? "them" : o.pattern());
            case Not n -> "not " + wrap(n.item());
            case And a -> String.join(" and ", a.items().stream().map(ConditionExpr::wrap).toList());
            case Or o -> String.join(" or ", o.items().stream().map(ConditionExpr::wrap).toList());
        };
    }

    private static String wrap(ConditionExpr e) {
        return e instanceof And || e instanceof Or ? "(" + print(e) + ")" : print(e);
    }
}
