package io.rampart.policy.alias;

import java.util.List;
import java.util.Locale;

/**
 * A policy alias: a stable name for a resource property, e.g.
 * {@code Microsoft.Storage/storageAccounts/networkAcls.defaultAction} →
 * {@code properties.networkAcls.defaultAction}.
 *
 * @param name         canonical spelling
 * @param resourceType the type the alias belongs to (the part before the last '/'); a namespace
 *                     alone (e.g. {@code Microsoft.Compute}) for aliases shared by several types
 * @param paths        one path, or several for namespace-level aliases (the first that exists on
 *                     the resource is used)
 * @param inferred     true when the alias is not in the table and was inferred from its name
 */
public record Alias(String name, String resourceType, List<PropertyPath> paths, boolean inferred) {

    public Alias {
        paths = List.copyOf(paths);
    }

    /** True when the alias applies to resources of type {@code lowerType} (already lower-cased). */
    public boolean appliesTo(String lowerType) {
        String t = resourceType.toLowerCase(Locale.ROOT);
        if (lowerType.equals(t)) {
            return true;
        }
        // A namespace-level alias (Microsoft.Compute/imageSku) covers the namespace's types.
        return t.indexOf('/') < 0 && lowerType.startsWith(t + "/");
    }

    public PropertyPath path() {
        return paths.get(0);
    }

    /** Whether the alias selects a collection ([*] in its path). */
    public boolean isArrayAlias() {
        return paths.stream().anyMatch(PropertyPath::hasWildcard);
    }

    /** Splits an alias name at its last '/' outside brackets: [type, property]. Null if there is none. */
    public static String[] split(String name) {
        int depth = 0;
        int last = -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '/' && depth == 0) {
                last = i;
            }
        }
        if (last <= 0 || last == name.length() - 1) {
            return null;
        }
        return new String[]{name.substring(0, last), name.substring(last + 1)};
    }
}
