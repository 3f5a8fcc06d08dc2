package io.rampart.threat.sigma;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The values of one field of one event, as text. A field holding an array has one value per
 * element; a JSON null is a {@code null} entry. The lower-case forms (for Sigma's default
 * case-insensitive matching) are computed once, on first use.
 */
public final class FieldValues {

    public static final FieldValues ABSENT = new FieldValues(false, List.of());

    private final boolean present;
    private final List<String> raw;
    private List<String> lower;

    private FieldValues(boolean present, List<String> raw) {
        this.present = present;
        this.raw = raw;
    }

    public static FieldValues of(List<String> values) {
        return new FieldValues(true, Collections.unmodifiableList(new ArrayList<>(values)));
    }

    public boolean present() {
        return present;
    }

    public List<String> raw() {
        return raw;
    }

    /** Lower-case forms in the same order ({@code null} stays {@code null}). */
    public List<String> lower() {
        List<String> l = lower;
        if (l == null) {
            l = new ArrayList<>(raw.size());
            for (String s : raw) {
                l.add(s == null ? null : s.toLowerCase(Locale.ROOT));
            }
            lower = l;
        }
        return l;
    }

    /** True when the field is absent, or every value is JSON null. */
    public boolean isNull() {
        if (!present) {
            return true;
        }
        for (String s : raw) {
            if (s != null) {
                return false;
            }
        }
        return true;
    }
}
