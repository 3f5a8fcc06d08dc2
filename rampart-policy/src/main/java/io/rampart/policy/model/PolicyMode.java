package io.rampart.policy.model;

import java.util.Locale;

/**
 * A definition's mode. {@code All} and {@code Indexed} are Resource Manager modes Rampart
 * evaluates; resource-provider modes ({@code Microsoft.Kubernetes.Data},
 * {@code Microsoft.KeyVault.Data}, ...) are evaluated by their resource providers in Azure and are
 * parsed and reported as not evaluated here.
 */
public record PolicyMode(String name, Kind kind) {

    public enum Kind {
        ALL, INDEXED, RESOURCE_PROVIDER
    }

    public static final PolicyMode ALL = new PolicyMode("All", Kind.ALL);
    public static final PolicyMode INDEXED = new PolicyMode("Indexed", Kind.INDEXED);

    /** Azure's default when a definition has no mode. */
    public static final PolicyMode DEFAULT = INDEXED;

    /** Null for a name that is no mode. */
    public static PolicyMode parse(String name) {
        if (name == null) {
            return DEFAULT;
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (n.equals("all")) {
            return ALL;
        }
        if (n.equals("indexed")) {
            return INDEXED;
        }
        if (n.matches("microsoft\\.[a-z0-9]+(\\.v[0-9]+)?\\.data")) {
            return new PolicyMode(name, Kind.RESOURCE_PROVIDER);
        }
        return null;
    }
}
