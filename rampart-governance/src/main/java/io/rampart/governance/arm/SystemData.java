package io.rampart.governance.arm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * ARM's systemData: who created and last modified a resource, and when. The caller (the server's
 * authenticated principal) and the time are given; nothing here reads a clock.
 */
public record SystemData(String createdBy, String createdByType, Instant createdAt, String lastModifiedBy,
                         String lastModifiedByType, Instant lastModifiedAt) {

    /** Who is making a request: e.g. {@code ("alice@contoso.com", "User")}; type is User, Application, ManagedIdentity or Key. */
    public record Caller(String id, String type) {
        public static final Caller SYSTEM = new Caller("rampart", "Application");
    }

    public static SystemData created(Caller c, Instant at) {
        return new SystemData(c.id(), c.type(), at, c.id(), c.type(), at);
    }

    /** Keeps the creation fields of {@code previous} (may be null) and records this modification. */
    public static SystemData modified(SystemData previous, Caller c, Instant at) {
        if (previous == null) {
            return created(c, at);
        }
        return new SystemData(previous.createdBy, previous.createdByType, previous.createdAt, c.id(), c.type(), at);
    }

    public ObjectNode toJson() {
        ObjectNode o = Values.object();
        o.put("createdBy", createdBy);
        o.put("createdByType", createdByType);
        o.put("createdAt", DateTimeFormatter.ISO_INSTANT.format(createdAt));
        o.put("lastModifiedBy", lastModifiedBy);
        o.put("lastModifiedByType", lastModifiedByType);
        o.put("lastModifiedAt", DateTimeFormatter.ISO_INSTANT.format(lastModifiedAt));
        return o;
    }

    /** Reads systemData back (from a stored response); null when absent or malformed. */
    public static SystemData read(JsonNode o) {
        if (o == null || !o.isObject()) {
            return null;
        }
        try {
            return new SystemData(text(o, "createdBy"), text(o, "createdByType"), Instant.parse(text(o, "createdAt")),
                    text(o, "lastModifiedBy"), text(o, "lastModifiedByType"), Instant.parse(text(o, "lastModifiedAt")));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String text(JsonNode o, String k) {
        JsonNode v = Values.property(o, k);
        return v == null || v.isNull() ? null : v.asText();
    }
}
