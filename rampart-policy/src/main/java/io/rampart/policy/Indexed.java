package io.rampart.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;

import java.util.Set;

/**
 * Which resources {@code Indexed} mode evaluates: types that support tags and location. Azure
 * decides by resource type metadata; Rampart decides from the resource itself: a resource that
 * carries a location is indexed; one that doesn't is not when it is a child resource (subnets,
 * security rules, site config, ...) or of a top-level type known to be location-less. A
 * top-level resource written without a location (a partial request) is still evaluated.
 */
final class Indexed {

    /** Namespaces (lower case) whose top-level types have neither tags nor location. */
    private static final Set<String> LOCATIONLESS_NAMESPACES = Set.of(
            "microsoft.authorization", "microsoft.resources", "microsoft.policyinsights", "microsoft.management",
            "microsoft.security", "microsoft.advisor", "microsoft.costmanagement", "microsoft.consumption",
            "microsoft.billing", "microsoft.features", "microsoft.support");

    private static final Set<String> LOCATIONLESS_TYPES = Set.of(
            "microsoft.insights/diagnosticsettings", "microsoft.insights/diagnosticsettingscategories");

    private Indexed() {
    }

    static boolean supportsTagsAndLocation(ResourceView r) {
        JsonNode location = Values.property(r.json(), "location");
        if (location != null && !location.isNull()) {
            return true;
        }
        String type = r.lowerType();
        int first = type.indexOf('/');
        if (first < 0) {
            return true;
        }
        if (type.indexOf('/', first + 1) >= 0) {
            return false; // a child resource type without a location
        }
        return !LOCATIONLESS_TYPES.contains(type) && !LOCATIONLESS_NAMESPACES.contains(type.substring(0, first));
    }
}
