package io.rampart.governance.model;

import java.util.List;
import java.util.Locale;

/**
 * One selector of a resource selector or an override: a kind ({@code resourceLocation},
 * {@code resourceType}, {@code resourceWithoutLocation}, {@code policyDefinitionReferenceId})
 * and either {@code in} or {@code notIn} values.
 */
public record Selector(String kind, List<String> in, List<String> notIn) {

    public static final String RESOURCE_LOCATION = "resourceLocation";
    public static final String RESOURCE_TYPE = "resourceType";
    public static final String RESOURCE_WITHOUT_LOCATION = "resourceWithoutLocation";
    public static final String REFERENCE_ID = "policyDefinitionReferenceId";

    public Selector {
        in = in == null ? null : List.copyOf(in);
        notIn = notIn == null ? null : List.copyOf(notIn);
    }

    public boolean is(String k) {
        return kind.equalsIgnoreCase(k);
    }

    /** Whether a value passes: in the {@code in} list, or not in the {@code notIn} list (compared by {@code normalise}). */
    public boolean accepts(String value, java.util.function.UnaryOperator<String> normalise) {
        if (value == null) {
            return false;
        }
        String v = normalise.apply(value);
        if (in != null) {
            return in.stream().anyMatch(x -> normalise.apply(x).equals(v));
        }
        return notIn.stream().noneMatch(x -> normalise.apply(x).equals(v));
    }

    /** Locations compare ignoring case and spaces ({@code East US} is {@code eastus}). */
    public static String location(String s) {
        return s.replace(" ", "").toLowerCase(Locale.ROOT);
    }

    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
