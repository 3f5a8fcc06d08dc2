package io.rampart.template;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Unknown;
import io.rampart.expression.Values;

/** ARM's rules for copy counts (copy-resources.md: "count ... can't exceed 800 ... can't be a negative number"). */
final class Copies {

    static final int MAX_COUNT = 800;
    /** What {@link #count} returns for a count only known during deployment. */
    static final int UNKNOWN = -1;

    private Copies() {
    }

    /**
     * The count, or {@link #UNKNOWN} (with a warning) when it is known only during deployment — a
     * nested deployment's loop over an output of a resource deployed before it. ARM knows it by
     * then; the expansion can't, and leaves the loop out.
     */
    static int count(JsonNode value, String what, SourceLocation where, Run run) {
        if (Unknown.is(value)) {
            run.warn(new TemplateProblem(false, Codes.COPY_COUNT_UNKNOWN, where, "The " + what + " has a copy count known only during deployment ("
                    + Unknown.reason(value) + "); its copies are left out of the expansion."));
            return UNKNOWN;
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
