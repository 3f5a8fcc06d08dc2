package io.rampart.governance.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads resourceSelectors and override selectors, with the limits assignment-structure.md states. */
final class SelectorReader {

    private SelectorReader() {
    }

    /** Thrown for a rule violation (not a JSON shape problem). */
    static final class RuleException extends RuntimeException {
        RuleException(String message) {
            super(message);
        }
    }

    static List<ResourceSelector> resourceSelectors(JsonNode props, String path) {
        List<JsonNode> raw = JsonBody.array(props, "resourceSelectors", path);
        if (raw.size() > 10) {
            throw new RuleException("At most 10 resource selectors can be specified; found " + raw.size() + ".");
        }
        List<ResourceSelector> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            String p = path + ".resourceSelectors[" + i + "]";
            String name = JsonBody.string(raw.get(i), "name", p);
            if (name == null || name.isBlank()) {
                throw new RuleException("Resource selector " + i + " must have a name.");
            }
            List<Selector> selectors = selectors(raw.get(i), p, Set.of(Selector.RESOURCE_LOCATION, Selector.RESOURCE_TYPE,
                    Selector.RESOURCE_WITHOUT_LOCATION), "resource selector '" + name + "'");
            out.add(new ResourceSelector(name, selectors));
        }
        return out;
    }

    static List<Selector> selectors(JsonNode owner, String path, Set<String> allowedKinds, String what) {
        List<JsonNode> raw = JsonBody.array(owner, "selectors", path);
        List<Selector> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            String p = path + ".selectors[" + i + "]";
            String kind = JsonBody.string(raw.get(i), "kind", p);
            String canonical = allowedKinds.stream().filter(k -> k.equalsIgnoreCase(kind)).findFirst().orElse(null);
            if (canonical == null) {
                throw new RuleException("The selector kind '" + kind + "' of " + what + " is not supported; supported kinds are '"
                        + String.join(", ", allowedKinds.stream().sorted().toList()) + "'.");
            }
            if (!seen.add(canonical.toLowerCase(Locale.ROOT))) {
                throw new RuleException("The selector kind '" + canonical + "' is used more than once in " + what + ".");
            }
            boolean hasIn = JsonBody.has(raw.get(i), "in");
            boolean hasNotIn = JsonBody.has(raw.get(i), "notIn");
            if (hasIn == hasNotIn) {
                throw new RuleException("The selector '" + canonical + "' of " + what + " must specify exactly one of 'in' and 'notIn'.");
            }
            List<String> values = JsonBody.strings(raw.get(i), hasIn ? "in" : "notIn", p);
            if (values.size() > 50) {
                throw new RuleException("The selector '" + canonical + "' of " + what + " has " + values.size()
                        + " values; at most 50 are allowed.");
            }
            out.add(new Selector(canonical, hasIn ? values : null, hasIn ? null : values));
        }
        if (seen.contains(Selector.RESOURCE_LOCATION.toLowerCase(Locale.ROOT))
                && seen.contains(Selector.RESOURCE_WITHOUT_LOCATION.toLowerCase(Locale.ROOT))) {
            throw new RuleException("The selector kinds 'resourceLocation' and 'resourceWithoutLocation' can't be used together in " + what + ".");
        }
        return out;
    }
}
