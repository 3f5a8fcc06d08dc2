package io.rampart.expression;

import io.rampart.expression.functions.StandardFunctions;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable, case-insensitive set of template functions. Hosts start from
 * {@link #standard()} and add their own (the policy engine adds {@code field()}, the template
 * engine adds {@code reference()}), or remove what their language forbids.
 */
public final class FunctionLibrary {

    private static final FunctionLibrary STANDARD = new FunctionLibrary(StandardFunctions.all());

    private final Map<String, FunctionDef> byKey;

    private FunctionLibrary(Collection<FunctionDef> functions) {
        Map<String, FunctionDef> m = new HashMap<>();
        for (FunctionDef f : functions) {
            m.put(f.key(), f);
        }
        this.byKey = Collections.unmodifiableMap(m);
    }

    /** Every ARM template function whose result depends only on its arguments. */
    public static FunctionLibrary standard() {
        return STANDARD;
    }

    public static FunctionLibrary of(Collection<FunctionDef> functions) {
        return new FunctionLibrary(functions);
    }

    /** This library plus (or overriding) the given functions. */
    public FunctionLibrary with(Collection<FunctionDef> functions) {
        Map<String, FunctionDef> m = new HashMap<>(byKey);
        for (FunctionDef f : functions) {
            m.put(f.key(), f);
        }
        return new FunctionLibrary(m.values());
    }

    /** This library without the named functions. */
    public FunctionLibrary without(Collection<String> names) {
        Map<String, FunctionDef> m = new HashMap<>(byKey);
        for (String n : names) {
            m.remove(n.toLowerCase(Locale.ROOT));
        }
        return new FunctionLibrary(m.values());
    }

    public FunctionDef find(String name) {
        return byKey.get(name.toLowerCase(Locale.ROOT));
    }

    /** Canonical names, sorted. */
    public Set<String> names() {
        Map<String, FunctionDef> sorted = new TreeMap<>(byKey);
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (FunctionDef f : sorted.values()) {
            out.add(f.name());
        }
        return out;
    }

    public Collection<FunctionDef> functions() {
        return byKey.values();
    }
}
