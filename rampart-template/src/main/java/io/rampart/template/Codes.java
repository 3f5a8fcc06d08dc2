package io.rampart.template;

/**
 * The stable problem codes. ARM reports nearly all of these as {@code InvalidTemplate} (or
 * {@code InvalidTemplateDeployment}); the messages keep ARM's wording, the codes say which rule
 * was broken so callers can act on them.
 */
final class Codes {

    static final String INVALID_TEMPLATE = "InvalidTemplate";
    static final String INVALID_EXPRESSION = "InvalidExpression";
    static final String EXPRESSION_FAILED = "ExpressionEvaluationFailed";
    static final String INVALID_FUNCTION_LOCATION = "InvalidFunctionLocation";
    static final String MISSING_PARAMETER = "MissingParameterValue";
    static final String UNKNOWN_PARAMETER = "UnknownParameter";
    static final String INVALID_PARAMETER_TYPE = "InvalidParameterType";
    static final String PARAMETER_NOT_ALLOWED = "ParameterValueNotAllowed";
    static final String PARAMETER_OUT_OF_RANGE = "ParameterValueOutOfRange";
    static final String COPY_COUNT_TOO_LARGE = "CopyCountTooLarge";
    static final String INVALID_COPY_COUNT = "InvalidCopyCount";
    static final String COPY_COUNT_UNKNOWN = "CopyCountUnknown";
    static final String INVALID_COPY_INDEX = "InvalidCopyIndex";
    static final String CIRCULAR_REFERENCE = "CircularReference";
    static final String RECURSIVE_FUNCTION = "RecursiveFunction";
    static final String CIRCULAR_DEPENDENCY = "CircularDependency";
    static final String DEPENDS_ON_NOT_FOUND = "DependsOnNotFound";
    static final String DUPLICATE_RESOURCE = "DuplicateResource";
    static final String INVALID_RESOURCE = "InvalidResource";
    static final String RESOURCE_LIMIT = "ResourceLimitExceeded";
    static final String NESTING_TOO_DEEP = "NestingTooDeep";
    static final String INVALID_OUTPUT = "InvalidOutput";
    static final String UNRESOLVED_LINKED_TEMPLATE = "UnresolvedLinkedTemplate";
    static final String CONDITION_UNKNOWN = "ConditionUnknown";
    static final String INTERNAL_ERROR = "InternalError";

    private Codes() {
    }
}
