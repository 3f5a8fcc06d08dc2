package io.rampart.gate;

/**
 * How reports name a definition or an initiative.
 *
 * @param name        the resource name (the GUID for built-ins); may be null for a file without one
 * @param id          the resource id, e.g. /providers/Microsoft.Authorization/policyDefinitions/{guid}; may be null
 * @param displayName may be null
 * @param description may be null
 * @param category    metadata.category; may be null
 * @param version     the definition's version; may be null
 * @param builtIn     whether it comes from the built-in library
 */
public record PolicyRef(String name, String id, String displayName, String description, String category, String version,
                        boolean builtIn) {

    /** Display name, else name, else id. */
    public String label() {
        if (displayName != null && !displayName.isBlank()) {
            return displayName;
        }
        return name != null ? name : id != null ? id : "(unnamed policy)";
    }

    /** A stable key: the name (GUID), else the id, else the display name. */
    public String key() {
        return name != null ? name : id != null ? id : label();
    }
}
