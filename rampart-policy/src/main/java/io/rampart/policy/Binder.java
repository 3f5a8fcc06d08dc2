package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.EvalContext;
import io.rampart.expression.EvaluationLimits;
import io.rampart.expression.FunctionDef;
import io.rampart.expression.TemplateValue;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Specialises a compiled rule for one set of parameter values: folds every expression that
 * depends only on parameters and pure functions, resolves field names computed from parameters,
 * and compiles the patterns that became constant.
 */
final class Binder implements ParameterSource {

    private static final Predicate<FunctionDef> FOLDABLE =
            f -> f.pure() || f.name().equals(PolicyFunctions.PARAMETERS);

    private final Map<String, JsonNode> parameters;
    private final FieldResolver fields;
    private final EvalContext context;
    private final List<Diagnostic> diagnostics = new ArrayList<>();

    Binder(Map<String, JsonNode> parameters, FieldResolver fields) {
        this.parameters = parameters;
        this.fields = fields;
        this.context = EvalContext.of(this, Clock.systemUTC(), EvaluationLimits.AZURE_POLICY)
                .withMissingPropertyValue(EvaluationState.MISSING_PROPERTY);
    }

    @Override
    public JsonNode parameter(String name) {
        return parameters.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    FieldResolver fields() {
        return fields;
    }

    TemplateValue bind(TemplateValue v) {
        return v.isConstant() ? v : v.bind(context, FOLDABLE);
    }

    void report(Diagnostic d) {
        diagnostics.add(d);
    }

    List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
