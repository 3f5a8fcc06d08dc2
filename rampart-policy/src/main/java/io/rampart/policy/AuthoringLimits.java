package io.rampart.policy;

/**
 * Azure Policy's authoring limits (definition-structure-policy-rule.md, "Limits enforced during
 * authoring"). A definition over any of them is refused when it is created, so Rampart reports
 * them as compile errors.
 */
final class AuthoringLimits {

    static final int CONDITIONS_IN_IF = 4096;
    static final int CONDITIONS_IN_THEN = 128;
    static final int FUNCTIONS_PER_RULE = 2048;
    static final int FUNCTION_PARAMETERS = 128;
    static final int FUNCTION_NESTING = 64;
    static final int EXPRESSION_LENGTH = 81920;
    static final int FIELD_COUNTS_PER_ARRAY = 5;
    static final int VALUE_COUNTS_PER_RULE = 10;
    static final int VALUE_COUNT_ITERATIONS = 100;
    /** Not an Azure limit: how deep Rampart nests conditions before refusing (stack safety). */
    static final int CONDITION_NESTING = 256;

    private AuthoringLimits() {
    }
}
