package io.rampart.threat.event;

import io.rampart.threat.sigma.LogSourceSpec;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of log Rampart reads, each with the Sigma {@code logsource} values that select it.
 * Rampart's server writes its activity log in the Azure activity log's shape, so its events are
 * {@link #AZURE_ACTIVITY}.
 */
public enum LogFamily {
    AZURE_ACTIVITY("azure", Set.of("activitylogs"), "Azure activity log"),
    ENTRA_SIGNIN("azure", Set.of("signinlogs"), "Entra ID sign-in log"),
    ENTRA_AUDIT("azure", Set.of("auditlogs"), "Entra ID audit log"),
    ENTRA_RISK("azure", Set.of("riskdetection", "pim"), "Entra ID Protection risk detection / PIM alert"),
    AWS_CLOUDTRAIL("aws", Set.of("cloudtrail"), "AWS CloudTrail"),
    GCP_AUDIT("gcp", Set.of("gcp.audit"), "GCP Cloud Audit Logs"),
    UNKNOWN(null, Set.of(), "unrecognised");

    private final String product;
    private final Set<String> services;
    private final String displayName;

    LogFamily(String product, Set<String> services, String displayName) {
        this.product = product;
        this.services = services;
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    public String product() {
        return product;
    }

    /**
     * The families a rule's logsource selects: empty when it names no product (any log); a product
     * without a service selects all that product's families. A logsource Rampart has no reader for
     * (windows, linux ...) selects {@link #UNKNOWN}, so the rule never runs.
     */
    public static Set<LogFamily> forLogSource(LogSourceSpec spec) {
        if (spec.product() == null && spec.service() == null) {
            return Set.of();
        }
        String product = spec.product() == null ? null : spec.product().toLowerCase(Locale.ROOT);
        String service = spec.service() == null ? null : spec.service().toLowerCase(Locale.ROOT);
        Set<LogFamily> out = EnumSet.noneOf(LogFamily.class);
        for (LogFamily f : values()) {
            if (f == UNKNOWN) {
                continue;
            }
            boolean productOk = product == null || product.equals(f.product);
            boolean serviceOk = service == null || f.services.contains(service);
            if (productOk && serviceOk) {
                out.add(f);
            }
        }
        if (out.isEmpty()) {
            out.add(UNKNOWN);
        }
        return out;
    }
}
