package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.governance.ResourceInventory;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.Hierarchy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A generated estate for the compliance scan benchmark, held in memory: {@code subscriptions} ×
 * {@code groupsPerSubscription} resource groups, and {@code count} resources cut from the
 * rest-example bodies (round-robin over the ones that live in a resource group), each a deep
 * copy with a distinct id — the example's provider path with the last name suffixed by its
 * number, moved into a generated subscription and group. Indexed by id, subscription and type so
 * the inventory's own lookups stay cheap next to what is measured.
 */
final class ScanInventory implements ResourceInventory {

    static final String TENANT = "72f988bf-0000-4000-8000-00000000be0c";
    private static final Pattern IN_GROUP = Pattern.compile("(?i)^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/(.+)$");

    private final Hierarchy hierarchy = Hierarchy.flat(TENANT);
    private final Map<String, JsonNode> byId = new HashMap<>();
    /** lower subscription id → the subscription, its groups, then its resources */
    private final Map<String, List<JsonNode>> bySubscription = new LinkedHashMap<>();
    /** lower type → resources of that type, with their parsed ids */
    private final Map<String, List<Entry>> byType = new HashMap<>();
    private final List<JsonNode> resources = new ArrayList<>();
    private final int containers;
    private final int distinctSources;

    private record Entry(ArmId id, JsonNode resource) {
    }

    ScanInventory(List<JsonNode> pool, int count, int subscriptions, int groupsPerSubscription) {
        List<JsonNode> usable = new ArrayList<>();
        for (JsonNode r : pool) {
            if (rewrite(r, "00000000-0000-4000-8000-000000000000", "rg", 0) != null) {
                usable.add(r);
            }
        }
        if (usable.isEmpty()) {
            throw new IllegalStateException("no rest-example resource lives in a resource group");
        }
        distinctSources = Math.min(count, usable.size());
        int made = 0;
        for (int s = 0; s < subscriptions; s++) {
            String sub = subscriptionId(s);
            List<JsonNode> members = new ArrayList<>();
            bySubscription.put(sub, members);
            ObjectNode subscription = Values.object();
            subscription.put("id", "/subscriptions/" + sub);
            subscription.put("subscriptionId", sub);
            subscription.put("displayName", "bench " + s);
            subscription.put("state", "Enabled");
            add(subscription, members);
            for (int g = 0; g < groupsPerSubscription; g++) {
                ObjectNode group = Values.object();
                group.put("id", "/subscriptions/" + sub + "/resourceGroups/" + group(g));
                group.put("name", group(g));
                group.put("type", "Microsoft.Resources/resourceGroups");
                group.put("location", "westeurope");
                group.putObject("properties").put("provisioningState", "Succeeded");
                add(group, members);
                made++;
            }
            made++;
        }
        containers = made;
        for (int i = 0; i < count; i++) {
            int s = i % subscriptions;
            int g = (i / subscriptions) % groupsPerSubscription;
            ObjectNode copy = rewrite(usable.get(i % usable.size()), subscriptionId(s), group(g), i);
            add(copy, bySubscription.get(subscriptionId(s)));
            resources.add(copy);
            ArmId id = ArmId.parse(copy.get("id").textValue());
            byType.computeIfAbsent(id.type().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(new Entry(id, copy));
        }
    }

    private static String subscriptionId(int s) {
        return String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", s + 1);
    }

    private static String group(int g) {
        return String.format(Locale.ROOT, "rg-%02d", g);
    }

    /** A deep copy of a rest-example resource at a new id; null when it doesn't live in a resource group. */
    private static ObjectNode rewrite(JsonNode example, String subscription, String group, int number) {
        JsonNode idNode = example.get("id");
        if (!(example instanceof ObjectNode) || idNode == null || !idNode.isTextual() || example.get("type") == null) {
            return null;
        }
        Matcher m = IN_GROUP.matcher(idNode.textValue());
        if (!m.matches()) {
            return null;
        }
        String path = m.group(1);
        String name = path.substring(path.lastIndexOf('/') + 1) + "-" + number;
        String id = "/subscriptions/" + subscription + "/resourceGroups/" + group + "/providers/" + path.substring(0, path.lastIndexOf('/') + 1) + name;
        try {
            ArmId parsed = ArmId.parse(id);
            if (parsed.kind() != ArmId.Kind.RESOURCE || !parsed.type().equalsIgnoreCase(example.get("type").asText())) {
                return null;
            }
        } catch (RuntimeException e) {
            return null;
        }
        ObjectNode copy = ((ObjectNode) example).deepCopy();
        copy.put("id", id);
        copy.put("name", name);
        return copy;
    }

    private void add(JsonNode node, List<JsonNode> members) {
        byId.put(node.get("id").textValue().toLowerCase(Locale.ROOT), node);
        members.add(node);
    }

    ArmId rootGroup() {
        return hierarchy.tenantRootGroup();
    }

    Hierarchy hierarchy() {
        return hierarchy;
    }

    /** The generated resources (not the subscriptions and groups). */
    List<JsonNode> resources() {
        return Collections.unmodifiableList(resources);
    }

    /** Every node a scan at the root evaluates: subscriptions, groups and resources. */
    List<JsonNode> everything() {
        return resourcesUnder(rootGroup());
    }

    int containers() {
        return containers;
    }

    /** How many different rest-example bodies the resources were cut from. */
    int distinctSources() {
        return distinctSources;
    }

    int types() {
        return byType.size();
    }

    @Override
    public JsonNode get(ArmId id) {
        return byId.get(id.key());
    }

    @Override
    public List<JsonNode> resourcesUnder(ArmId scope) {
        List<JsonNode> out = new ArrayList<>();
        switch (scope.kind()) {
            case TENANT, MANAGEMENT_GROUP -> bySubscription.forEach((sub, members) -> {
                if (hierarchy.covers(scope, ArmId.subscription(sub))) {
                    out.addAll(members);
                }
            });
            case SUBSCRIPTION -> out.addAll(bySubscription.getOrDefault(scope.subscriptionId().toLowerCase(Locale.ROOT), List.of()));
            default -> {
                String prefix = scope.key() + "/";
                for (JsonNode r : bySubscription.getOrDefault(scope.subscriptionId().toLowerCase(Locale.ROOT), List.of())) {
                    String key = r.get("id").textValue().toLowerCase(Locale.ROOT);
                    if (key.equals(scope.key()) || key.startsWith(prefix)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<JsonNode> resourcesOfType(ArmId scope, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (Entry e : byType.getOrDefault(type.toLowerCase(Locale.ROOT), List.of())) {
            if (hierarchy.covers(scope, e.id())) {
                out.add(e.resource());
            }
        }
        return out;
    }
}
