package io.rampart.remediation.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.Governance;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.enforce.Change;
import io.rampart.governance.enforce.Decision;
import io.rampart.governance.enforce.WriteRequest;
import io.rampart.governance.eval.PolicyEvaluator;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;
import io.rampart.template.ExpandedResource;
import io.rampart.template.Expansion;
import io.rampart.template.TemplateSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The offline quick fix: applies the Append and Modify effects of the assignments in force in a
 * {@link Governance} to each resource a template would deploy (exactly as request-time
 * enforcement would change the PUT), then writes the changes back onto the template's resource
 * objects where the changed value is a literal in the source. A change is <b>not mapped</b> when
 * the value (or an object on its path) is computed by an expression, when the resource comes from
 * a linked template, or when the instances of a copy loop need different values; the report says
 * which and why.
 *
 * <p>Mapping works on the difference between the resource as expanded and as changed (not on the
 * alias names), so tags, aliases, {@code [*]} appends and {@code identity.type} map the same way.
 */
public final class TemplateFix {

    private static final Set<String> SKIPPED = Set.of("id", "name", "type", "apiversion");

    private final Governance governance;

    public TemplateFix(Governance governance) {
        this.governance = governance;
    }

    public FixReport fix(TemplateSource source, Expansion expansion) {
        ObjectNode fixed = ((ObjectNode) source.root()).deepCopy();
        ResourceInventory inventory = inventory(expansion);
        Map<String, List<Planned>> bySource = new LinkedHashMap<>();
        List<FixReport.ResourceFix> order = new ArrayList<>();
        for (ExpandedResource r : expansion.resources()) {
            if (r.existing()) {
                continue;
            }
            ArmId id;
            try {
                id = ArmId.parse(r.id());
            } catch (InvalidArmIdException e) {
                continue;
            }
            ObjectNode view = PolicyEvaluator.policyView(id, r.body());
            Decision d = governance.enforceWrite(new WriteRequest(id, r.apiVersion(), view), inventory);
            if (d instanceof Decision.Denied denied) {
                order.add(new FixReport.ResourceFix(r, List.of(), List.of(), List.of(), denied.error().message()));
                continue;
            }
            Decision.Allowed ok = (Decision.Allowed) d;
            if (ok.changes().isEmpty()) {
                continue;
            }
            List<Diff> diffs = new ArrayList<>();
            diff(view, ok.body(), "", diffs, true);
            Planned p = new Planned(r, ok.changes(), diffs);
            bySource.computeIfAbsent(r.source().file() + "|" + r.source().jsonPath(), k -> new ArrayList<>()).add(p);
        }
        for (List<Planned> group : bySource.values()) {
            order.addAll(apply(fixed, source, group));
        }
        return new FixReport(fixed, order);
    }

    /** The other resources of the deployment, for policies that look at related resources. */
    private static ResourceInventory inventory(Expansion x) {
        List<JsonNode> all = new ArrayList<>();
        x.resources().forEach(r -> all.add(r.body()));
        return new ResourceInventory() {
            @Override
            public JsonNode get(ArmId id) {
                for (JsonNode r : all) {
                    if (id.id().equalsIgnoreCase(Values.toText(Values.property(r, "id")))) {
                        return r;
                    }
                }
                return null;
            }

            @Override
            public List<JsonNode> resourcesUnder(ArmId scope) {
                return List.copyOf(all);
            }

            @Override
            public List<JsonNode> resourcesOfType(ArmId scope, String type) {
                return all.stream().filter(r -> type.equalsIgnoreCase(Values.toText(Values.property(r, "type")))).toList();
            }
        };
    }

    private record Planned(ExpandedResource resource, List<Change> changes, List<Diff> diffs) {
    }

    /** One difference: set (after null: remove) or append array members, at a path of property names and indexes. */
    record Diff(List<Object> path, JsonNode before, JsonNode after, boolean append) {
        String text() {
            StringBuilder sb = new StringBuilder();
            for (Object o : path) {
                if (o instanceof Integer i) {
                    sb.append('[').append(i).append(']');
                } else {
                    sb.append(sb.isEmpty() ? "" : ".").append(o);
                }
            }
            return sb.toString();
        }
    }

    private static void diff(JsonNode a, JsonNode b, String unused, List<Diff> out, boolean top) {
        diff(a, b, new ArrayList<>(), out, top);
    }

    private static void diff(JsonNode a, JsonNode b, List<Object> path, List<Diff> out, boolean top) {
        if (a != null && b != null && Values.deepEquals(a, b, true)) {
            return;
        }
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Map<String, String> keys = new LinkedHashMap<>();
            a.fieldNames().forEachRemaining(k -> keys.put(k.toLowerCase(Locale.ROOT), k));
            b.fieldNames().forEachRemaining(k -> keys.putIfAbsent(k.toLowerCase(Locale.ROOT), k));
            for (Map.Entry<String, String> k : keys.entrySet()) {
                if (top && SKIPPED.contains(k.getKey())) {
                    continue;
                }
                List<Object> p = new ArrayList<>(path);
                p.add(k.getValue());
                diff(Values.property(a, k.getValue()), Values.property(b, k.getValue()), p, out, false);
            }
            return;
        }
        if (a != null && b != null && a.isArray() && b.isArray()) {
            boolean prefix = b.size() > a.size();
            for (int i = 0; prefix && i < a.size(); i++) {
                prefix = Values.deepEquals(a.get(i), b.get(i), true);
            }
            if (prefix) {
                ArrayNode added = Values.array();
                for (int i = a.size(); i < b.size(); i++) {
                    added.add(b.get(i));
                }
                out.add(new Diff(path, a, added, true));
                return;
            }
            if (a.size() == b.size()) {
                for (int i = 0; i < a.size(); i++) {
                    List<Object> p = new ArrayList<>(path);
                    p.add(i);
                    diff(a.get(i), b.get(i), p, out, false);
                }
                return;
            }
        }
        out.add(new Diff(path, a, b, false));
    }

    /** Applies a source object's diffs (once for a copy loop whose instances agree) and reports each resource. */
    private static List<FixReport.ResourceFix> apply(ObjectNode fixed, TemplateSource source, List<Planned> group) {
        List<FixReport.ResourceFix> out = new ArrayList<>();
        ExpandedResource first = group.get(0).resource();
        String reason = null;
        if (!first.source().file().equals(source.name())) {
            reason = "the resource is declared in '" + first.source().file() + "', not in this template; fix it there";
        }
        JsonNode target = reason == null ? JsonPaths.node(fixed, first.source().jsonPath()) : null;
        if (reason == null && (target == null || !target.isObject())) {
            reason = "the resource's declaration could not be found at " + first.source().jsonPath();
        }
        if (reason == null && group.size() > 1) {
            List<Diff> d0 = group.get(0).diffs();
            for (Planned p : group) {
                if (!sameDiffs(d0, p.diffs())) {
                    reason = "the instances of the copy loop need different values; change the loop's expressions instead";
                    break;
                }
            }
        }
        for (int n = 0; n < group.size(); n++) {
            Planned p = group.get(n);
            List<FixReport.Edit> edits = new ArrayList<>();
            List<FixReport.Unmapped> unmapped = new ArrayList<>();
            for (Diff d : p.diffs()) {
                if (reason != null) {
                    unmapped.add(new FixReport.Unmapped(d.text(), d.before(), d.after(), reason));
                } else if (n > 0) {
                    edits.add(new FixReport.Edit(d.text(), first.source().jsonPath(), d.before(), d.after(), d.append(), true));
                } else {
                    String why = JsonPaths.apply((ObjectNode) target, d);
                    if (why == null) {
                        edits.add(new FixReport.Edit(d.text(), first.source().jsonPath(), d.before(), d.after(), d.append(), false));
                    } else {
                        unmapped.add(new FixReport.Unmapped(d.text(), d.before(), d.after(), why));
                    }
                }
            }
            out.add(new FixReport.ResourceFix(p.resource(), p.changes(), edits, unmapped, null));
        }
        return out;
    }

    private static boolean sameDiffs(List<Diff> a, List<Diff> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Diff x = a.get(i);
            Diff y = b.get(i);
            if (!x.path().equals(y.path()) || x.append() != y.append() || !Values.deepEquals(nz(x.after()), nz(y.after()), true)
                    || !Values.deepEquals(nz(x.before()), nz(y.before()), true)) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode nz(JsonNode n) {
        return n == null ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : n;
    }
}
