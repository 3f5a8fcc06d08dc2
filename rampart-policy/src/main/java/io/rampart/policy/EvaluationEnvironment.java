package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;

import java.time.Clock;
import java.util.Locale;

/**
 * Everything an evaluation can see besides the resource and the policy: the objects that
 * {@code resourceGroup()}, {@code subscription()}, {@code requestContext()} and {@code policy()}
 * return, the clock for {@code utcNow()}, where related resources are found, and the operation
 * (a write, or a delete for DenyAction). Missing objects are derived from the resource id.
 */
public final class EvaluationEnvironment {

    public enum Operation {
        WRITE, DELETE, COMPLIANCE_SCAN
    }

    private final JsonNode resourceGroup;
    private final JsonNode subscription;
    private final JsonNode requestContext;
    private final JsonNode policyInfo;
    private final Clock clock;
    private final RelatedResources related;
    private final Operation operation;

    private EvaluationEnvironment(Builder b) {
        this.resourceGroup = b.resourceGroup;
        this.subscription = b.subscription;
        this.requestContext = b.requestContext;
        this.policyInfo = b.policyInfo;
        this.clock = b.clock;
        this.related = b.related;
        this.operation = b.operation;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A compliance scan at the system clock with no related resources. */
    public static EvaluationEnvironment defaults() {
        return builder().build();
    }

    public Clock clock() {
        return clock;
    }

    public RelatedResources related() {
        return related;
    }

    public Operation operation() {
        return operation;
    }

    public JsonNode policyInfo() {
        return policyInfo;
    }

    /** The resourceGroup() object for a resource: the given one, or one derived from the resource id. */
    public JsonNode resourceGroupFor(JsonNode resource) {
        if (resourceGroup != null) {
            return resourceGroup;
        }
        ObjectNode rg = Values.object();
        String id = text(resource, "id");
        String sub = segmentAfter(id, "subscriptions");
        String name = segmentAfter(id, "resourceGroups");
        if (sub != null && name != null) {
            rg.put("id", "/subscriptions/" + sub + "/resourceGroups/" + name);
        }
        rg.put("name", name == null ? "" : name);
        rg.put("type", "Microsoft.Resources/resourceGroups");
        rg.putNull("managedBy");
        JsonNode location = Values.property(resource, "location");
        rg.put("location", location != null && location.isTextual() ? location.textValue() : "");
        rg.set("tags", Values.object());
        rg.set("properties", Values.object().put("provisioningState", "Succeeded"));
        return rg;
    }

    /** The subscription() object: the given one, or one derived from the resource id. */
    public JsonNode subscriptionFor(JsonNode resource) {
        if (subscription != null) {
            return subscription;
        }
        String sub = segmentAfter(text(resource, "id"), "subscriptions");
        if (sub == null) {
            sub = "00000000-0000-0000-0000-000000000000";
        }
        ObjectNode s = Values.object();
        s.put("id", "/subscriptions/" + sub);
        s.put("subscriptionId", sub);
        s.put("tenantId", "00000000-0000-0000-0000-000000000000");
        s.put("displayName", sub);
        s.set("tags", Values.object());
        return s;
    }

    /**
     * Stands in for "the latest API version", which Azure uses when it evaluates existing resources
     * (compliance scans): later than any real version, so apiVersion guards treat it as current.
     */
    public static final String LATEST_API_VERSION = "9999-12-31";

    /**
     * The requestContext() object: the given one, or apiVersion from the resource's own
     * {@code apiVersion} (a request or template resource) and otherwise the latest version.
     */
    public JsonNode requestContextFor(JsonNode resource) {
        if (requestContext != null) {
            return requestContext;
        }
        ObjectNode rc = Values.object();
        String api = text(resource, "apiVersion");
        rc.put("apiVersion", api == null ? LATEST_API_VERSION : api);
        rc.set("identity", Values.object());
        return rc;
    }

    private static String text(JsonNode o, String key) {
        JsonNode v = o == null ? null : Values.property(o, key);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static String segmentAfter(String id, String segment) {
        if (id == null) {
            return null;
        }
        String[] parts = id.split("/");
        for (int i = 0; i + 1 < parts.length; i++) {
            if (parts[i].toLowerCase(Locale.ROOT).equals(segment.toLowerCase(Locale.ROOT))) {
                return parts[i + 1];
            }
        }
        return null;
    }

    public static final class Builder {
        private JsonNode resourceGroup;
        private JsonNode subscription;
        private JsonNode requestContext;
        private JsonNode policyInfo;
        private Clock clock = Clock.systemUTC();
        private RelatedResources related = RelatedResources.NONE;
        private Operation operation = Operation.COMPLIANCE_SCAN;

        public Builder resourceGroup(JsonNode v) {
            this.resourceGroup = v;
            return this;
        }

        public Builder subscription(JsonNode v) {
            this.subscription = v;
            return this;
        }

        public Builder requestContext(JsonNode v) {
            this.requestContext = v;
            return this;
        }

        /** assignmentId, definitionId, setDefinitionId, definitionReferenceId as policy() returns them. */
        public Builder policyInfo(JsonNode v) {
            this.policyInfo = v;
            return this;
        }

        public Builder clock(Clock v) {
            this.clock = v;
            return this;
        }

        public Builder related(RelatedResources v) {
            this.related = v;
            return this;
        }

        public Builder operation(Operation v) {
            this.operation = v;
            return this;
        }

        public EvaluationEnvironment build() {
            return new EvaluationEnvironment(this);
        }
    }
}
