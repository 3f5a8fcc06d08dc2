package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * The resource types a rule tests for positively ({@code type} equals/in/like outside any
 * {@code not}). Used to pick the resources worth evaluating a policy against; an empty set means
 * the rule names no type.
 */
final class TargetTypes {

    private TargetTypes() {
    }

    static Set<String> of(Condition c) {
        Set<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        collect(c, out);
        return out;
    }

    private static void collect(Condition c, Set<String> out) {
        switch (c) {
            case AllOf a -> a.conditions().forEach(x -> collect(x, out));
            case AnyOf a -> a.conditions().forEach(x -> collect(x, out));
            case FieldCondition f -> {
                if (f.field() == null || f.field().kind() != FieldRef.Kind.TYPE) {
                    return;
                }
                JsonNode v = f.operand().constant;
                switch (f.operand().operator) {
                    case EQUALS, LIKE -> {
                        if (v != null && v.isTextual()) {
                            out.add(v.textValue());
                        }
                    }
                    case IN -> {
                        if (v != null && v.isArray()) {
                            v.forEach(t -> {
                                if (t.isTextual()) {
                                    out.add(t.textValue());
                                }
                            });
                        }
                    }
                    default -> {
                    }
                }
            }
            default -> {
            }
        }
    }
}
