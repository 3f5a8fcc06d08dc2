package io.rampart.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Resource ids as ARM builds them (template-functions-resource.md): after the scope come
 * {@code /providers/<namespace>} and then type and name segments in pairs, least specific first —
 * {@code Microsoft.Sql/servers/s1/databases/db1}, never the type followed by the names.
 */
final class ResourceIds {

    private ResourceIds() {
    }

    static String managementGroupId(String name) {
        return "/providers/Microsoft.Management/managementGroups/" + name;
    }

    /** The type without a trailing slash (ARM accepts 'Microsoft.Network/virtualNetworks/'). */
    static String normaliseType(String type) {
        String t = type.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    /** Type segments after the namespace: 'Microsoft.Sql/servers/databases' has 2. */
    static int typeDepth(String type) {
        return split(type).size() - 1;
    }

    static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '/') {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * {@code <namespace>/<type1>/<name1>/<type2>/<name2>...}: the part of an id after
     * {@code /providers/}, or null when the type and names don't pair up.
     */
    static String relative(String type, List<String> names) {
        List<String> t = split(normaliseType(type));
        if (t.size() < 2 || t.get(0).isEmpty()) {
            return null;
        }
        List<String> n = new ArrayList<>();
        for (String name : names) {
            n.addAll(split(name));
        }
        if (n.size() != t.size() - 1) {
            return null;
        }
        StringBuilder sb = new StringBuilder(t.get(0));
        for (int i = 1; i < t.size(); i++) {
            sb.append('/').append(t.get(i)).append('/').append(n.get(i - 1));
        }
        return sb.toString();
    }

    /** {@code <scopeId>/providers/<relative>}, with the special forms of resource groups and subscriptions. */
    static String under(String scopeId, String type, String relative) {
        String t = normaliseType(type).toLowerCase(Locale.ROOT);
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        if (t.equals("microsoft.resources/resourcegroups") && scopeId.startsWith("/subscriptions/") && !scopeId.contains("/resourceGroups/")) {
            return scopeId + "/resourceGroups/" + name;
        }
        if (t.equals("microsoft.resources/subscriptions") && scopeId.isEmpty()) {
            return "/subscriptions/" + name;
        }
        return scopeId + "/providers/" + relative;
    }

    /**
     * A scope written in a template ({@code scope} of an extension resource or deployment): a full
     * id, '/' for the tenant, or an id relative to the deployment's scope
     * ('Microsoft.Storage/storageAccounts/sa').
     */
    static String resolveScope(String written, Target target) {
        String s = written.strip();
        if (s.equals("/") || s.isEmpty()) {
            return "";
        }
        if (s.startsWith("/")) {
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        if (s.regionMatches(true, 0, "Microsoft.Management/managementGroups/", 0, "Microsoft.Management/managementGroups/".length())) {
            return "/providers/" + s;
        }
        return target.scopeId() + "/providers/" + s;
    }
}
