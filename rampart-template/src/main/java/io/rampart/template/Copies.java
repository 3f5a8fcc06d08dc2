package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

/** ARM's rules for copy counts (copy-resources.md: "count ... can't exceed 800 ... can't be a negative number"). */
final class Copies {

    static final int MAX_COUNT = 800;

    private Copies() {
    }

    static int count(JsonNode value, String what, SourceLocation where) {
        if (Unknown.is(value)) {
            throw TemplateError.at(where, Codes.INVALID_COPY_COUNT, "The " + what + " has a copy count that is not known before deployment ("
                    + Unknown.reason(value) + "); the count must be determined at the start of the deployment.");
        }
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw TemplateError.at(where, Codes.INVALID_COPY_COUNT, "The " + what + " has an invalid copy count. The copy count must be an integer; it is of type '"
                    + Values.typeName(value) + "'.");
        }
        long n = value.longValue();
        if (n < 0) {
            throw TemplateError.at(where, Codes.INVALID_COPY_COUNT, "The " + what + " has an invalid copy count '" + n
                    + "'. The copy count must be a non-negative integer value and cannot exceed '" + MAX_COUNT + "'.");
        }
        if (n > MAX_COUNT) {
            throw TemplateError.at(where, Codes.COPY_COUNT_TOO_LARGE, "The " + what + " has an invalid copy count '" + n
                    + "'. The copy count must be a non-negative integer value and cannot exceed '" + MAX_COUNT + "'.");
        }
        return (int) n;
    }
}
