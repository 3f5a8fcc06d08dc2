package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.arm.ArmResult;
import io.rampart.governance.scope.ArmId;
import io.rampart.governance.scope.InvalidArmIdException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a remediation PUT body into a {@link RemediationSpec}, checking its structure: every
 * refusal is a 400 {@code InvalidCreateRemediationRequest} whose message starts as Azure's does
 * ("The request to create remediation '<name>' is invalid. ...", seen in public error reports)
 * and names the property and what was expected. Checks against the assignment are
 * {@link RemediationEngine#create}'s.
 */
public final class RemediationReader {

    public static final String INVALID = "InvalidCreateRemediationRequest";

    private RemediationReader() {
    }

    public static ArmResult<RemediationSpec> read(ArmId id, JsonNode body) {
        String name = id.name();
        JsonNode p = body == null ? null : Values.property(body, "properties");
        if (p == null || !p.isObject()) {
            return fail(name, "The request body must be an object with 'properties'.");
        }
        JsonNode pa = Values.property(p, "policyAssignmentId");
        if (pa == null || !pa.isTextual() || pa.textValue().isBlank()) {
            return fail(name, "'properties.policyAssignmentId' is required: the resource id of the policy assignment to remediate.");
        }
        ArmId assignment;
        try {
            assignment = ArmId.parse(pa.textValue());
        } catch (InvalidArmIdException e) {
            return fail(name, "'properties.policyAssignmentId' is not a valid resource id: " + e.getMessage());
        }
        if (!assignment.type().equalsIgnoreCase("Microsoft.Authorization/policyAssignments")) {
            return fail(name, "'properties.policyAssignmentId' must be the id of a Microsoft.Authorization/policyAssignments resource.");
        }
        String ref = null;
        JsonNode r = Values.property(p, "policyDefinitionReferenceId");
        if (r != null && !r.isNull()) {
            if (!r.isTextual()) {
                return fail(name, "'properties.policyDefinitionReferenceId' must be a string.");
            }
            ref = r.textValue().isBlank() ? null : r.textValue();
        }
        DiscoveryMode mode = DiscoveryMode.ExistingNonCompliant;
        JsonNode m = Values.property(p, "resourceDiscoveryMode");
        if (m != null && !m.isNull()) {
            mode = null;
            for (DiscoveryMode d : DiscoveryMode.values()) {
                if (m.isTextual() && d.name().equalsIgnoreCase(m.textValue())) {
                    mode = d;
                }
            }
            if (mode == null) {
                return fail(name, "'properties.resourceDiscoveryMode' must be ExistingNonCompliant or ReEvaluateCompliance; it is " + m + ".");
            }
        }
        List<String> locations = new ArrayList<>();
        List<String> resourceIds = new ArrayList<>();
        JsonNode f = Values.property(p, "filters");
        if (f != null && !f.isNull()) {
            if (!f.isObject()) {
                return fail(name, "'properties.filters' must be an object.");
            }
            String err = strings(f, "locations", locations);
            if (err == null) {
                err = strings(f, "resourceIds", resourceIds);
            }
            if (err != null) {
                return fail(name, err);
            }
            JsonNode ids = Values.property(f, "resourceIds");
            if (ids != null && !ids.isNull()) {
                if (resourceIds.isEmpty()) {
                    return fail(name, "'properties.filters.resourceIds' can't be empty when given.");
                }
                if (resourceIds.size() > RemediationSpec.MAX_RESOURCE_IDS) {
                    return fail(name, "'properties.filters.resourceIds' can name at most " + RemediationSpec.MAX_RESOURCE_IDS + " resources; it names "
                            + resourceIds.size() + ".");
                }
                if (mode == DiscoveryMode.ReEvaluateCompliance) {
                    return fail(name, "'properties.filters.resourceIds' can't be used with resourceDiscoveryMode ReEvaluateCompliance.");
                }
                for (String s : resourceIds) {
                    try {
                        ArmId.parse(s);
                    } catch (InvalidArmIdException e) {
                        return fail(name, "'properties.filters.resourceIds' holds '" + s + "', which is not a resource id.");
                    }
                }
            }
        }
        Integer parallel = integer(p, "parallelDeployments", 1, RemediationSpec.MAX_PARALLEL_DEPLOYMENTS);
        if (parallel != null && parallel < 0) {
            return fail(name, "'properties.parallelDeployments' must be an integer from 1 to " + RemediationSpec.MAX_PARALLEL_DEPLOYMENTS + ".");
        }
        Integer count = integer(p, "resourceCount", 1, RemediationSpec.MAX_RESOURCE_COUNT);
        if (count != null && count < 0) {
            return fail(name, "'properties.resourceCount' must be an integer from 1 to " + RemediationSpec.MAX_RESOURCE_COUNT + ".");
        }
        double threshold = 1.0;
        JsonNode ft = Values.property(p, "failureThreshold");
        if (ft != null && !ft.isNull()) {
            JsonNode pct = ft.isObject() ? Values.property(ft, "percentage") : null;
            if (pct != null && !pct.isNull()) {
                if (!pct.isNumber() || pct.doubleValue() < 0 || pct.doubleValue() > 1) {
                    return fail(name, "'properties.failureThreshold.percentage' must be a number from 0.0 to 1.0 (the share of failed "
                            + "deployments that fails the task); it is " + pct + ".");
                }
                threshold = pct.doubleValue();
            } else if (!ft.isObject()) {
                return fail(name, "'properties.failureThreshold' must be an object with 'percentage'.");
            }
        }
        ArmId scope = id.parent();
        return ArmResult.ok(new RemediationSpec(id, scope == null ? ArmId.TENANT : scope, assignment, ref, mode, locations, resourceIds,
                parallel == null ? RemediationSpec.DEFAULT_PARALLEL_DEPLOYMENTS : parallel,
                count == null ? RemediationSpec.DEFAULT_RESOURCE_COUNT : count, threshold));
    }

    /** Null when absent, -1 when invalid. */
    private static Integer integer(JsonNode p, String key, int min, int max) {
        JsonNode v = Values.property(p, key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
            return -1;
        }
        return v.intValue();
    }

    private static String strings(JsonNode f, String key, List<String> out) {
        JsonNode a = Values.property(f, key);
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isArray()) {
            return "'properties.filters." + key + "' must be an array of strings.";
        }
        for (JsonNode s : a) {
            if (!s.isTextual()) {
                return "'properties.filters." + key + "' must hold strings only; it holds " + s + ".";
            }
            out.add(s.textValue());
        }
        return null;
    }

    static ArmResult<RemediationSpec> fail(String name, String detail) {
        return ArmResult.failed(error(name, detail));
    }

    static ArmError error(String name, String detail) {
        return ArmError.badRequest(INVALID, "The request to create remediation '" + name + "' is invalid. " + detail);
    }

    /** Locations compare as ARM's do: case and spaces ignored ("East US" = "eastus"). */
    static String normaliseLocation(String l) {
        return l == null ? "" : l.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
