package io.rampart.threat.alert;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The entities of an event, from the documented fields of each log family: who did it (account),
 * from where (IP), to what (resource, application). The first resource (else the account) is the
 * alert's compromised entity.
 */
public final class EntityExtractor {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** requestParameters keys that name the resource a CloudTrail call acts on, most specific first. */
    private static final List<String> AWS_TARGETS = List.of("userName", "roleName", "bucketName", "trailName", "name",
            "functionName", "instanceId", "snapshotId", "imageId", "dBSnapshotIdentifier", "secretId", "groupId",
            "flowLogIds", "resourceArn", "policyArn", "keyId", "hostedZoneId", "detectorId", "logGroupName");

    private EntityExtractor() {
    }

    public static List<Entity> entities(LogEvent e) {
        Map<String, Entity> out = new LinkedHashMap<>();
        JsonNode b = e.body();
        switch (e.family()) {
            case AWS_CLOUDTRAIL -> {
                String account = b.path("recipientAccountId").asText(b.path("userIdentity").path("accountId").asText(""));
                for (String key : AWS_TARGETS) {
                    JsonNode v = b.path("requestParameters").path(key);
                    if (v.isTextual() && !v.asText().isEmpty()) {
                        add(out, new Entity(Entity.Kind.AWS_RESOURCE, awsResource(b, account, key, v.asText()), v.asText()));
                        break;
                    }
                    if (v.isObject() && v.path("items").isArray() && !v.path("items").isEmpty()) {
                        JsonNode first = v.path("items").get(0);
                        String id = first.isTextual() ? first.asText() : first.path(key.replace("Ids", "Id")).asText(first.toString());
                        add(out, new Entity(Entity.Kind.AWS_RESOURCE, awsResource(b, account, key, id), id));
                        break;
                    }
                }
                for (JsonNode r : b.path("resources")) {
                    if (r.hasNonNull("ARN")) {
                        add(out, new Entity(Entity.Kind.AWS_RESOURCE, r.get("ARN").asText(), tail(r.get("ARN").asText())));
                    }
                }
                JsonNode id = b.path("userIdentity");
                String arn = id.path("arn").asText("");
                if (!arn.isEmpty()) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, arn, id.path("userName").asText(tail(arn))));
                } else if (id.hasNonNull("principalId")) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, id.get("principalId").asText(), id.get("principalId").asText()));
                }
                ip(out, b.path("sourceIPAddress").asText(""));
            }
            case AZURE_ACTIVITY -> {
                String resource = first(b, "resourceId", "ResourceId", "_ResourceId");
                if (resource != null) {
                    add(out, new Entity(Entity.Kind.AZURE_RESOURCE, resource, tail(resource)));
                }
                String caller = first(b, "caller", "Caller", "identity.claims.name");
                if (caller != null) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, caller, caller));
                }
                String ip = first(b, "httpRequest.clientIpAddress", "callerIpAddress", "CallerIpAddress");
                if (ip != null) {
                    ip(out, ip);
                }
            }
            case ENTRA_SIGNIN, ENTRA_RISK -> {
                String upn = first(b, "userPrincipalName", "properties.userPrincipalName", "UserPrincipalName", "identity");
                if (upn != null) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, upn, upn));
                }
                String app = first(b, "appDisplayName", "properties.appDisplayName", "AppDisplayName");
                if (app != null) {
                    add(out, new Entity(Entity.Kind.CLOUD_APPLICATION, app, app));
                }
                String ip = first(b, "ipAddress", "properties.ipAddress", "IPAddress", "callerIpAddress");
                if (ip != null) {
                    ip(out, ip);
                }
            }
            case ENTRA_AUDIT -> {
                JsonNode props = b.has("properties") ? b.get("properties") : b;
                for (JsonNode t : props.path("targetResources")) {
                    String v = t.path("userPrincipalName").asText(t.path("displayName").asText(t.path("id").asText("")));
                    if (!v.isEmpty()) {
                        add(out, new Entity(t.hasNonNull("userPrincipalName") ? Entity.Kind.ACCOUNT : Entity.Kind.CLOUD_APPLICATION, v, v));
                    }
                }
                String by = first(props, "initiatedBy.user.userPrincipalName", "initiatedBy.app.displayName");
                if (by != null) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, by, by));
                }
                String ip = first(props, "initiatedBy.user.ipAddress");
                if (ip != null) {
                    ip(out, ip);
                }
            }
            case GCP_AUDIT -> {
                String resource = first(b, "protoPayload.resourceName");
                if (resource != null) {
                    add(out, new Entity(Entity.Kind.GCP_RESOURCE, resource, tail(resource)));
                }
                String who = first(b, "protoPayload.authenticationInfo.principalEmail");
                if (who != null) {
                    add(out, new Entity(Entity.Kind.ACCOUNT, who, who));
                }
                String ip = first(b, "protoPayload.requestMetadata.callerIp");
                if (ip != null) {
                    ip(out, ip);
                }
            }
            case UNKNOWN -> { }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The entity an alert names as compromised: the identity when the rule's condition is about
     * who acted ({@code identityCentric}), else the resource acted on; either falls back to the other.
     */
    public static Entity compromised(List<Entity> entities, boolean identityCentric) {
        if (identityCentric) {
            for (Entity e : entities) {
                if (e.kind() == Entity.Kind.ACCOUNT) {
                    return e;
                }
            }
        }
        return compromised(entities);
    }

    /** The resource acted on, else the identity. */
    public static Entity compromised(List<Entity> entities) {
        for (Entity e : entities) {
            if (e.isResource()) {
                return e;
            }
        }
        for (Entity e : entities) {
            if (e.kind() == Entity.Kind.ACCOUNT) {
                return e;
            }
        }
        return entities.isEmpty() ? null : entities.get(0);
    }

    private static String awsResource(JsonNode b, String account, String key, String value) {
        if (value.startsWith("arn:")) {
            return value;
        }
        return switch (key) {
            case "userName" -> "arn:aws:iam::" + account + ":user/" + value;
            case "roleName" -> "arn:aws:iam::" + account + ":role/" + value;
            case "bucketName" -> "arn:aws:s3:::" + value;
            default -> {
                String service = b.path("eventSource").asText("aws").replace(".amazonaws.com", "");
                yield "arn:aws:" + service + ":" + b.path("awsRegion").asText("") + ":" + account + ":" + value;
            }
        };
    }

    private static void ip(Map<String, Entity> out, String text) {
        String t = text.trim();
        if (IPV4.matcher(t).matches() || (t.indexOf(':') >= 0 && t.matches("[0-9A-Fa-f:.]+"))) {
            add(out, new Entity(Entity.Kind.IP, t, t));
        }
    }

    private static void add(Map<String, Entity> out, Entity e) {
        out.putIfAbsent(e.key(), e);
    }

    private static String first(JsonNode b, String... paths) {
        for (String p : paths) {
            for (JsonNode n : EventFields.lookup(b, p)) {
                if (n.isValueNode() && !n.asText().isBlank()) {
                    return n.asText();
                }
            }
        }
        return null;
    }

    private static String tail(String id) {
        String s = id.endsWith("/") ? id.substring(0, id.length() - 1) : id;
        int i = Math.max(s.lastIndexOf('/'), s.lastIndexOf(':'));
        return i >= 0 && i < s.length() - 1 ? s.substring(i + 1) : s;
    }
}
