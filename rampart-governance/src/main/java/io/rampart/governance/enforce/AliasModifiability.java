package io.rampart.governance.enforce;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which aliases Modify may change, in which request API versions (effect-modify.md: "The property
 * the alias maps to is marked as Modifiable in the request's API version"; when it isn't, the
 * operation falls back to the definition's conflictEffect).
 *
 * <p>Azure keeps this flag in its alias metadata ({@code DefaultMetadata.Attributes: Modifiable},
 * per API version). The public alias corpus Rampart ships has no such column, so the default is
 * {@link #ALL}; the server (or a test) passes a table when it has the metadata.
 */
@FunctionalInterface
public interface AliasModifiability {

    /** Every alias is modifiable in every API version (no metadata available). */
    AliasModifiability ALL = (alias, apiVersion) -> true;

    /**
     * @param alias      the alias as the definition names it (case-insensitive)
     * @param apiVersion the request's API version; null for a remediation (the latest version)
     */
    boolean modifiable(String alias, String apiVersion);

    /**
     * A table of modifiable aliases with the first API version each is modifiable in (null: every
     * version). Aliases not in the table are not modifiable. API versions compare as ARM's
     * {@code yyyy-mm-dd[-preview]} strings do, by date.
     */
    static AliasModifiability table(Map<String, String> sinceApiVersion) {
        Map<String, String> t = new LinkedHashMap<>();
        sinceApiVersion.forEach((k, v) -> t.put(k.toLowerCase(Locale.ROOT), v));
        return (alias, apiVersion) -> {
            String key = alias.toLowerCase(Locale.ROOT);
            if (!t.containsKey(key)) {
                return false;
            }
            String since = t.get(key);
            return since == null || apiVersion == null || date(apiVersion).compareTo(date(since)) >= 0;
        };
    }

    private static String date(String apiVersion) {
        return apiVersion.length() >= 10 ? apiVersion.substring(0, 10) : apiVersion;
    }
}
