package io.rampart.store;

import java.util.Locale;

/**
 * What the store derives from an ARM id to index it: the scope the resource lives in, its name,
 * subscription and resource group. The store accepts any id of the form
 * {@code /segment/segment/...}; the server has already checked it is a valid ARM id.
 */
record ArmIdParts(String scope, String name, String subscriptionId, String resourceGroup) {

    static ArmIdParts of(String id) {
        if (id == null || !id.startsWith("/") || id.length() < 2 || id.endsWith("/") || id.contains("//")) {
            throw new StoreException("not a resource id: '" + id + "'");
        }
        String[] segments = id.substring(1).split("/");
        if (segments.length % 2 != 0) {
            throw new StoreException("not a resource id (odd number of segments): '" + id + "'");
        }
        String subscription = null;
        String group = null;
        if (segments[0].equalsIgnoreCase("subscriptions")) {
            subscription = segments[1];
            if (segments.length >= 4 && segments[2].equalsIgnoreCase("resourceGroups")) {
                group = segments[3];
            }
        }
        String name = segments[segments.length - 1];
        String scope = parentScope(id);
        return new ArmIdParts(scope, name, subscription, group);
    }

    /** The id without its last type/name pair, and without a trailing /providers/{namespace}; "/" at the top. */
    static String parentScope(String id) {
        int cut = id.lastIndexOf('/', id.lastIndexOf('/') - 1);
        String parent = id.substring(0, cut);
        int providers = parent.toLowerCase(Locale.ROOT).lastIndexOf("/providers/");
        if (providers >= 0 && parent.indexOf('/', providers + "/providers/".length()) < 0) {
            parent = parent.substring(0, providers);
        }
        return parent.isEmpty() ? "/" : parent;
    }

    static String key(String id) {
        return id.toLowerCase(Locale.ROOT);
    }
}
