package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.ExpressionException;
import io.rampart.expression.TemplateValue;
import io.rampart.expression.Unknown;

/**
 * The right-hand side of a condition ({@code "equals": <operand>}). Constant operands are known at
 * compile or bind time and like/match patterns are then compiled once.
 */
final class Operand {

    final Operator operator;
    final TemplateValue value;
    final JsonNode constant;
    final Patterns.Matcher matcher;
    final String path;
    /** For in/notIn over a constant list of strings: the members lower-cased, and as locations. */
    private final java.util.Set<String> members;
    private final java.util.Set<String> locationMembers;

    private Operand(Operator operator, TemplateValue value, String path) {
        this.operator = operator;
        this.value = value;
        this.path = path;
        this.constant = value.constantValue();
        this.matcher = constant != null && constant.isTextual() && operator.usesPattern()
                ? operator.compilePattern(constant.textValue()) : null;
        java.util.Set<String> m = null;
        java.util.Set<String> l = null;
        if ((operator == Operator.IN || operator == Operator.NOT_IN) && constant != null && constant.isArray()) {
            m = new java.util.HashSet<>();
            l = new java.util.HashSet<>();
            for (JsonNode v : constant) {
                if (!v.isTextual()) {
                    m = null;
                    l = null;
                    break;
                }
                m.add(v.textValue().toLowerCase(java.util.Locale.ROOT));
                l.add(PolicyValues.normalizeLocation(v.textValue()));
            }
        }
        this.members = m;
        this.locationMembers = l;
    }

    static Operand of(Operator operator, TemplateValue value, String path) {
        return new Operand(operator, value, path);
    }

    JsonNode target(EvaluationState st) {
        if (constant != null) {
            return constant;
        }
        try {
            return value.evaluate(st.expressionContext());
        } catch (ExpressionException e) {
            throw new PolicyEvaluationException(path, e.getMessage());
        }
    }

    /** The last pattern compiled at evaluation time, reused while the pattern stays the same. */
    private volatile CachedPattern lastPattern;

    private record CachedPattern(String pattern, Patterns.Matcher matcher) {
    }

    /** Tests one actual value against this operand. */
    boolean test(JsonNode actual, JsonNode target, boolean location) {
        if (Unknown.is(actual)) {
            throw new Undecidable(Unknown.reason(actual));
        }
        if (target != constant) {
            JsonNode unknown = Unknown.find(target);
            if (unknown != null) {
                throw new Undecidable(Unknown.reason(unknown));
            }
        }
        if (members != null && target == constant && actual != null && actual.isValueNode() && !actual.isNull()) {
            // A constant list of strings (allowed locations, SKUs, types): one set lookup, not a scan.
            String text = io.rampart.expression.Values.toText(actual);
            boolean in = location ? locationMembers.contains(PolicyValues.normalizeLocation(text))
                    : members.contains(text.toLowerCase(java.util.Locale.ROOT));
            return operator == Operator.IN ? in : !in;
        }
        Patterns.Matcher m = constant != null ? matcher : dynamicMatcher(target);
        return operator.test(actual, target, m, location, path);
    }

    /** Patterns computed per resource (e.g. concat(resourceGroup().name, '*')) usually repeat. */
    private Patterns.Matcher dynamicMatcher(JsonNode target) {
        if (!operator.usesPattern() || target == null || !target.isTextual()) {
            return null;
        }
        CachedPattern c = lastPattern;
        if (c == null || !c.pattern().equals(target.textValue())) {
            c = new CachedPattern(target.textValue(), operator.compilePattern(target.textValue()));
            lastPattern = c;
        }
        return c.matcher();
    }

    Operand bind(Binder b) {
        TemplateValue bound = b.bind(value);
        if (bound == value) {
            return this;
        }
        JsonNode c = bound.constantValue();
        String problem = c == null ? null : RuleCompiler.checkOperandType(operator, c);
        if (problem != null) {
            b.report(Diagnostic.error("invalid-operand", path, problem));
        }
        return new Operand(operator, bound, path);
    }
}
