package io.rampart.server.arm;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What an ARM URL path addresses: one resource (of any kind), a collection of one type in a
 * scope, or one of ARM's fixed listings. Parsing follows ARM's URL scheme:
 * {@code [/subscriptions/{s}[/resourceGroups/{rg}]](/providers/{ns}/{type}/{name}(/{type}/{name})*)*},
 * where a second /providers/ makes an extension resource of the resource before it.
 */
public sealed interface ArmRoute {

    /** {@code GET /subscriptions}. */
    record Subscriptions() implements ArmRoute {
    }

    /** {@code /subscriptions/{s}/resourcegroups}. */
    record ResourceGroups(String subscriptionId) implements ArmRoute {
    }

    /** {@code /subscriptions/{s}[/resourceGroups/{rg}]/resources}: every resource in the scope. */
    record ResourcesIn(String scope, String subscriptionId, String resourceGroup) implements ArmRoute {
    }

    /** One resource: a subscription, resource group, management group or a resource of any type. */
    record Single(ArmId id) implements ArmRoute {
    }

    /** The resources of {@code type} in {@code scope} (a parent resource for child types). */
    record Collection(String scope, String type, String subscriptionId, String resourceGroup) implements ArmRoute {
    }

    static ArmRoute parse(String path) {
        // ARM ignores empty segments: SDKs send {ns}//{type}/{name} for an empty parent path
        String p = path.replaceAll("/{2,}", "/");
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        if (!p.startsWith("/") || p.equals("/")) {
            throw ArmErrors.invalidResourceId(path);
        }
        String[] segs = p.substring(1).split("/");
        int n = segs.length;
        String first = lower(segs[0]);
        if (first.equals("subscriptions")) {
            if (n == 1) {
                return new Subscriptions();
            }
            String sub = segs[1];
            if (n == 2) {
                return new Single(ArmId.subscription(sub));
            }
            String scope = "/subscriptions/" + sub;
            String group = null;
            int i = 2;
            if (lower(segs[2]).equals("resourcegroups")) {
                if (n == 3) {
                    return new ResourceGroups(sub);
                }
                group = segs[3];
                if (n == 4) {
                    return new Single(ArmId.resourceGroup(sub, group));
                }
                scope += "/resourceGroups/" + group;
                i = 4;
            }
            if (n == i + 1 && lower(segs[i]).equals("resources")) {
                return new ResourcesIn(scope, sub, group);
            }
            return providers(path, segs, i, scope, sub, group);
        }
        if (first.equals("providers")) {
            return providers(path, segs, 0, "/", null, null);
        }
        throw ArmErrors.invalidResourceId(path);
    }

    private static ArmRoute providers(String path, String[] segs, int start, String scope, String sub, String group) {
        int n = segs.length;
        int i = start;
        String currentScope = scope;
        while (true) {
            if (i + 1 >= n || !lower(segs[i]).equals("providers")) {
                throw ArmErrors.invalidResourceId(path);
            }
            String namespace = segs[i + 1];
            i += 2;
            List<String> types = new ArrayList<>();
            List<String> names = new ArrayList<>();
            while (i < n && !lower(segs[i]).equals("providers")) {
                types.add(segs[i]);
                if (i + 1 < n) {
                    names.add(segs[i + 1]);
                }
                i += 2;
            }
            if (types.isEmpty()) {
                throw ArmErrors.invalidResourceId(path);
            }
            String type = namespace + "/" + String.join("/", types);
            String base = currentScope.equals("/") ? "" : currentScope;
            if (names.size() < types.size()) {
                if (i < n) {
                    throw ArmErrors.invalidResourceId(path);
                }
                String parent = currentScope;
                if (!names.isEmpty()) {
                    parent = base + "/providers/" + namespace + "/" + pairs(types, names, names.size());
                }
                return new Collection(parent, type, sub, group);
            }
            String id = base + "/providers/" + namespace + "/" + pairs(types, names, names.size());
            Optional<String> parentResource = types.size() > 1
                    ? Optional.of(base + "/providers/" + namespace + "/" + pairs(types, names, names.size() - 1))
                    : Optional.empty();
            String resourceScope = parentResource.orElse(currentScope);
            ArmId.Kind kind = type.equalsIgnoreCase(ArmId.MANAGEMENT_GROUP_TYPE) && currentScope.equals("/")
                    ? ArmId.Kind.MANAGEMENT_GROUP : ArmId.Kind.RESOURCE;
            ArmId armId = new ArmId(id, resourceScope, type, names.getLast(), sub, group, kind, parentResource);
            if (i >= n) {
                return new Single(armId);
            }
            currentScope = id;
        }
    }

    private static String pairs(List<String> types, List<String> names, int count) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < count; k++) {
            if (k > 0) {
                b.append('/');
            }
            b.append(types.get(k)).append('/').append(names.get(k));
        }
        return b.toString();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
