package io.rampart.threat.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sigma field names per log family → where the value is in the records Rampart reads. SigmaHQ's
 * Azure rules use the Log Analytics column names (ResultType, OperationNameValue, CategoryValue);
 * the same data comes as the REST / Graph shape (status.errorCode, operationName.value) or the
 * diagnostic-settings export (properties.*). Each name lists the places to try, first hit wins;
 * a name not listed is looked up as a path. Keys are lower case.
 */
public final class FieldMapping {

    private static final Map<LogFamily, Map<String, List<String>>> MAPPINGS = Map.of(
            LogFamily.AZURE_ACTIVITY, Map.of(
                    "operationnamevalue", List.of("operationName", "OperationNameValue"),
                    "categoryvalue", List.of("category", "CategoryValue"),
                    "resourceprovidervalue", List.of("resourceProviderName", "ResourceProviderValue"),
                    "resourceid", List.of("resourceId", "ResourceId", "_ResourceId"),
                    "activitystatusvalue", List.of("status", "ActivityStatusValue", "resultType"),
                    "caller", List.of("caller", "Caller", "identity.claims.name"),
                    "callerIpAddress".toLowerCase(Locale.ROOT), List.of("httpRequest.clientIpAddress", "callerIpAddress", "CallerIpAddress")),
            LogFamily.ENTRA_SIGNIN, Map.of(
                    "resulttype", List.of("ResultType", "resultType", "status.errorCode", "properties.status.errorCode"),
                    "resultdescription", List.of("ResultDescription", "resultDescription", "status.failureReason", "properties.status.failureReason"),
                    "clientapp", List.of("ClientApp", "clientAppUsed", "properties.clientAppUsed"),
                    "username", List.of("Username", "userPrincipalName", "properties.userPrincipalName"),
                    "useragent", List.of("userAgent", "UserAgent", "properties.userAgent"),
                    "ipaddress", List.of("ipAddress", "IPAddress", "callerIpAddress", "properties.ipAddress")),
            LogFamily.ENTRA_AUDIT, Map.of(
                    "operationname", List.of("OperationName", "activityDisplayName", "properties.activityDisplayName", "operationName"),
                    "activitydisplayname", List.of("activityDisplayName", "ActivityDisplayName", "OperationName", "operationName"),
                    "properties.message", List.of("properties.message", "activityDisplayName", "ActivityDisplayName", "properties.activityDisplayName", "OperationName", "operationName"),
                    "status", List.of("Status", "result", "Result", "properties.result"),
                    "properties.result", List.of("properties.result", "result", "Result"),
                    "activitytype", List.of("ActivityType", "operationType", "properties.operationType"),
                    "target", List.of("Target", "targetResources", "properties.targetResources"),
                    "failure_status_reason", List.of("failure_status_reason", "resultReason", "properties.resultReason"),
                    "initiatedby", List.of("InitiatedBy", "initiatedBy", "properties.initiatedBy")),
            LogFamily.ENTRA_RISK, Map.of(
                    "riskeventtype", List.of("riskEventType", "RiskEventType", "properties.riskEventType", "alertDefinitionId")),
            LogFamily.GCP_AUDIT, Map.of(
                    "gcp.audit.method_name", List.of("protoPayload.methodName", "data.protoPayload.methodName"),
                    "gcp.audit.service_name", List.of("protoPayload.serviceName", "data.protoPayload.serviceName")));

    private FieldMapping() {
    }

    /** Where to look for a Sigma field in a family's records. */
    public static List<String> paths(LogFamily family, String sigmaField) {
        Map<String, List<String>> m = MAPPINGS.get(family);
        if (m != null) {
            List<String> p = m.get(sigmaField.toLowerCase(Locale.ROOT));
            if (p != null) {
                return p;
            }
        }
        return List.of(sigmaField);
    }

    /** Every mapped Sigma field of a family (documentation and tests). */
    public static Map<String, List<String>> of(LogFamily family) {
        return MAPPINGS.getOrDefault(family, Map.of());
    }
}
