package io.rampart.expression.functions;

import io.rampart.expression.FunctionDef;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARM template function library that needs no host: everything whose result depends only on
 * its arguments (and {@code utcNow}/{@code newGuid}, which read the context's clock and randomness).
 * Host-specific functions (parameters, field, reference, resourceGroup, ...) are added by the
 * policy and template engines.
 */
public final class StandardFunctions {

    private StandardFunctions() {
    }

    public static List<FunctionDef> all() {
        List<FunctionDef> all = new ArrayList<>();
        all.addAll(LogicalFunctions.all());
        all.addAll(ComparisonFunctions.all());
        all.addAll(StringFunctions.all());
        all.addAll(CollectionFunctions.all());
        all.addAll(ArrayFunctions.all());
        all.addAll(ObjectFunctions.all());
        all.addAll(NumericFunctions.all());
        all.addAll(ConversionFunctions.all());
        all.addAll(LambdaFunctions.all());
        all.addAll(DateFunctions.all());
        all.addAll(EncodingFunctions.all());
        all.addAll(CidrFunctions.all());
        all.addAll(IdentifierFunctions.all());
        return all;
    }
}
