package io.rampart.remediation.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.enforce.Change;
import io.rampart.template.ExpandedResource;

import java.util.List;

/**
 * What {@link TemplateFix} did: the fixed template, and per resource the policy changes
 * (assignment, effect, operation, field, before → after), the edits written into the template
 * (the changed property and the declaration they went into) and the changes that could not be
 * mapped back, with why.
 */
public record FixReport(ObjectNode fixedTemplate, List<ResourceFix> resources) {

    public FixReport {
        resources = List.copyOf(resources);
    }

    /** @param denied the message of the 403 request-time enforcement would give, or null */
    public record ResourceFix(ExpandedResource resource, List<Change> changes, List<Edit> edits, List<Unmapped> unmapped, String denied) {
        public ResourceFix {
            changes = List.copyOf(changes);
            edits = List.copyOf(edits);
            unmapped = List.copyOf(unmapped);
        }
    }

    /** @param sharedWithCopy true for a copy-loop instance whose edit was written once, with the first instance's */
    public record Edit(String property, String declaration, JsonNode before, JsonNode after, boolean append, boolean sharedWithCopy) {
    }

    public record Unmapped(String property, JsonNode before, JsonNode after, String reason) {
    }

    /** True when the policies change any resource (whether or not every change could be written back). */
    public boolean fixesNeeded() {
        return resources.stream().anyMatch(r -> !r.changes().isEmpty());
    }

    public boolean anyUnmapped() {
        return resources.stream().anyMatch(r -> !r.unmapped().isEmpty());
    }

    public int editCount() {
        return resources.stream().mapToInt(r -> (int) r.edits().stream().filter(e -> !e.sharedWithCopy()).count()).sum();
    }

    public ObjectNode toJson() {
        ObjectNode o = Values.object();
        ArrayNode rs = o.putArray("resources");
        for (ResourceFix r : resources) {
            ObjectNode j = rs.addObject();
            j.put("id", r.resource().id()).put("type", r.resource().type()).put("source", r.resource().source().toString());
            if (r.denied() != null) {
                j.put("denied", r.denied());
            }
            ArrayNode ch = j.putArray("changes");
            for (Change c : r.changes()) {
                ObjectNode x = ch.addObject().put("policyAssignment", last(c.policyAssignmentId())).put("effect", c.effect())
                        .put("operation", c.operation()).put("field", c.field());
                if (c.policyDefinitionReferenceId() != null) {
                    x.put("policyDefinitionReferenceId", c.policyDefinitionReferenceId());
                }
                x.set("before", c.before());
                x.set("after", c.after());
            }
            ArrayNode ed = j.putArray("edits");
            for (Edit e : r.edits()) {
                ObjectNode x = ed.addObject().put("property", e.property()).put("declaration", e.declaration()).put("append", e.append());
                x.set("before", e.before());
                x.set("after", e.after());
            }
            ArrayNode un = j.putArray("notMapped");
            for (Unmapped u : r.unmapped()) {
                ObjectNode x = un.addObject().put("property", u.property()).put("reason", u.reason());
                x.set("after", u.after());
            }
        }
        return o;
    }

    static String last(String id) {
        return id == null ? null : id.substring(id.lastIndexOf('/') + 1);
    }

    /** The report as text: one block per resource. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (ResourceFix r : resources) {
            sb.append(r.resource().type()).append(" '").append(r.resource().name()).append("' (").append(r.resource().source()).append(")\n");
            if (r.denied() != null) {
                sb.append("  denied: ").append(r.denied()).append('\n');
            }
            for (Change c : r.changes()) {
                sb.append("  ").append(last(c.policyAssignmentId())).append(c.policyDefinitionReferenceId() == null ? "" : "/" + c.policyDefinitionReferenceId())
                        .append(": ").append(c.effect()).append(' ').append(c.operation()).append(' ').append(c.field()).append(": ")
                        .append(c.before() == null ? "(absent)" : Values.toJson(c.before())).append(" -> ")
                        .append(c.after() == null ? "(removed)" : Values.toJson(c.after())).append('\n');
            }
            for (Edit e : r.edits()) {
                sb.append("    fixed ").append(e.property()).append(e.sharedWithCopy() ? " (with the copy loop's first instance)" : "")
                        .append(e.append() ? " (appended)" : "").append('\n');
            }
            for (Unmapped u : r.unmapped()) {
                sb.append("    not mapped ").append(u.property()).append(": ").append(u.reason()).append('\n');
            }
        }
        return sb.toString();
    }
}
