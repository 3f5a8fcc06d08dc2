package io.rampart.server.arm;

/**
 * The error codes and messages Azure Resource Manager answers with, spelled as ARM spells them
 * (from ARM responses quoted in Azure SDK and tool issues and the Azure docs).
 */
public final class ArmErrors {
    private ArmErrors() {
    }

    public static ArmException missingApiVersion() {
        return new ArmException(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests.");
    }

    public static ArmException invalidApiVersion(String value) {
        return new ArmException(400, "InvalidApiVersionParameter",
                "The api-version '" + value + "' is invalid. The supported versions are of the form 'yyyy-mm-dd' or 'yyyy-mm-dd-preview'.");
    }

    public static ArmException missingAuthorization() {
        return new ArmException(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing.")
                .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"\", error=\"invalid_token\", "
                        + "error_description=\"The authentication failed because of missing 'Authorization' header.\"");
    }

    public static ArmException invalidAuthorizationHeader() {
        return new ArmException(401, "AuthenticationFailedInvalidHeader", "Authentication failed. The 'Authorization' header is provided in an invalid format.")
                .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"\", error=\"invalid_token\", "
                        + "error_description=\"The authentication failed because of invalid 'Authorization' header.\"");
    }

    public static ArmException invalidToken() {
        return new ArmException(401, "InvalidAuthenticationToken", "The access token is invalid.")
                .withHeader("WWW-Authenticate", "Bearer authorization_uri=\"\", error=\"invalid_token\", error_description=\"The access token is invalid.\"");
    }

    public static ArmException authorizationFailed(String principalId, String action, String scope) {
        return new ArmException(403, "AuthorizationFailed", "The client '" + principalId + "' with object id '" + principalId
                + "' does not have authorization to perform action '" + action + "' over scope '" + scope
                + "' or the scope is invalid. If access was recently granted, please refresh your credentials.");
    }

    public static ArmException subscriptionNotFound(String subscriptionId) {
        return new ArmException(404, "SubscriptionNotFound", "The subscription '" + subscriptionId + "' could not be found.");
    }

    public static ArmException resourceGroupNotFound(String name) {
        return new ArmException(404, "ResourceGroupNotFound", "Resource group '" + name + "' could not be found.");
    }

    public static ArmException resourceNotFound(String typeAndName, String resourceGroup) {
        String where = resourceGroup == null ? "" : " under resource group '" + resourceGroup + "'";
        return new ArmException(404, "ResourceNotFound", "The Resource '" + typeAndName + "'" + where
                + " was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
    }

    public static ArmException parentResourceNotFound(String parentName) {
        return new ArmException(404, "ParentResourceNotFound",
                "Can not perform requested operation on nested resource. Parent resource '" + parentName + "' not found.");
    }

    public static ArmException managementGroupNotFound(String name) {
        return new ArmException(404, "NotFound", "'" + name + "' not found");
    }

    public static ArmException invalidRequestContent(String detail) {
        return new ArmException(400, "InvalidRequestContent", "The request content was invalid and could not be deserialized: '" + detail + "'.");
    }

    public static ArmException locationRequired() {
        return new ArmException(400, "LocationRequired", "The location property is required for this definition.");
    }

    public static ArmException invalidResourceId(String path) {
        return new ArmException(400, "InvalidResourceId", "The resource identifier '" + path + "' is malformed or invalid.");
    }

    public static ArmException noRoute(String method, String path) {
        return new ArmException(404, "NoRegisteredProviderFound", "No registered resource provider found for the request " + method + " " + path + ".");
    }

    public static ArmException methodNotAllowed(String method, String what) {
        return new ArmException(405, "MethodNotAllowed", "The requested method '" + method + "' is not allowed on " + what + ".");
    }

    public static ArmException preconditionFailed(String message) {
        return new ArmException(412, "PreconditionFailed", message);
    }

    public static ArmException conflict(String code, String message) {
        return new ArmException(409, code, message);
    }

    public static ArmException badRequest(String code, String message) {
        return new ArmException(400, code, message);
    }

    public static ArmException invalidContinuation(String token) {
        return new ArmException(400, "InvalidContinuationToken", "The continuation token '" + token + "' is invalid.");
    }
}
