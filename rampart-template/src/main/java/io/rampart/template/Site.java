package io.rampart.template;

/**
 * Where in a template an expression is evaluated. ARM allows some functions only in some places:
 * utcNow() and newGuid() only in parameter defaults, reference() and list*() only where values
 * are read at deployment time (resource properties, outputs), never in names, conditions, copy
 * counts or variables (template-functions-resource.md, "Valid uses").
 */
enum Site {
    PARAMETER_DEFAULT,
    VARIABLE,
    /** name, type, apiVersion, condition, copy count, scope, dependsOn of a resource */
    RESOURCE_IDENTITY,
    /** everything a resource PUTs: properties, tags, sku, location, ... */
    RESOURCE_BODY,
    OUTPUT,
    USER_FUNCTION;

    boolean allowsRuntimeFunctions() {
        return this == RESOURCE_BODY || this == OUTPUT;
    }
}
