package io.rampart.expression;

import com.fasterxml.jackson.databind.JsonNode;

/** A {@code lambda(...)} argument of filter/map/reduce/sort/toObject/groupBy/mapValues. */
public interface Lambda {

    /** How many variables the lambda declares. */
    int arity();

    /** Evaluates the lambda body with its variables bound to {@code values}, in order. */
    JsonNode apply(JsonNode... values);
}
