package io.rampart.expression.functions;

import io.rampart.expression.FunctionDef;
import io.rampart.expression.FunctionLibrary;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StandardFunctionsTest {

    @Test
    void noFunctionIsDefinedTwice() {
        Set<String> seen = new HashSet<>();
        for (FunctionDef f : StandardFunctions.all()) {
            assertThat(seen.add(f.name().toLowerCase(Locale.ROOT))).as("defined twice: %s", f.name()).isTrue();
        }
    }

    @Test
    void onlyClockRandomAndLambdaScopedFunctionsAreContextual() {
        List<String> contextual = StandardFunctions.all().stream().filter(f -> !f.pure()).map(FunctionDef::name).sorted().toList();
        assertThat(contextual).containsExactly("lambdaVariables", "newGuid", "utcNow");
    }

    @Test
    void everyHostIndependentArmFunctionIsPresent() {
        FunctionLibrary lib = FunctionLibrary.standard();
        for (String name : List.of("array", "concat", "contains", "createArray", "createObject", "empty", "first", "last",
                "flatten", "indexOf", "lastIndexOf", "intersection", "items", "join", "length", "max", "min", "objectKeys",
                "range", "shallowMerge", "skip", "take", "tryGet", "tryIndexFromEnd", "indexFromEnd", "union",
                "coalesce", "equals", "greater", "greaterOrEquals", "less", "lessOrEquals", "and", "or", "not", "if",
                "bool", "true", "false", "null", "add", "sub", "mul", "div", "mod", "int", "float", "json", "string",
                "base64", "base64ToJson", "base64ToString", "dataUri", "dataUriToString", "format", "guid", "newGuid",
                "padLeft", "replace", "split", "startsWith", "endsWith", "substring", "toLower", "toUpper", "trim",
                "uniqueString", "uri", "uriComponent", "uriComponentToString", "utcNow", "dateTimeAdd",
                "dateTimeFromEpoch", "dateTimeToEpoch", "addDays", "filter", "map", "reduce", "sort", "toObject",
                "groupBy", "mapValues", "lambdaVariables", "parseCidr", "cidrSubnet", "cidrHost", "ipRangeContains")) {
            assertThat(lib.find(name)).as(name).isNotNull();
        }
    }
}
