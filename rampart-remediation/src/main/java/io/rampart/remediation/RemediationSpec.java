package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;

import java.util.List;

/**
 * A remediation's settings, as its PUT body gives them (properties of
 * {@code Microsoft.PolicyInsights/remediations}, api-version 2021-10-01 / 2024-10-01), defaults applied.
 *
 * @param scope                       the scope the remediation is created at (its id's parent); resources outside it are not remediated
 * @param policyDefinitionReferenceId required when the assignment assigns an initiative; null otherwise
 * @param locations                   {@code filters.locations}; empty: every location
 * @param resourceIds                 {@code filters.resourceIds} (at most 100; not with ReEvaluateCompliance); empty: no filter
 * @param parallelDeployments         1..30, default 10 (remediate-resources.md)
 * @param resourceCount               1..50,000, default 500
 * @param failureThreshold            {@code failureThreshold.percentage}, 0.0..1.0, default 1.0 (never stops): the task fails when the
 *                                    share of failed deployments exceeds it
 */
public record RemediationSpec(ArmId id, ArmId scope, ArmId policyAssignmentId, String policyDefinitionReferenceId, DiscoveryMode discoveryMode,
                              List<String> locations, List<String> resourceIds, int parallelDeployments, int resourceCount,
                              double failureThreshold) {

    public static final int DEFAULT_PARALLEL_DEPLOYMENTS = 10;
    public static final int MAX_PARALLEL_DEPLOYMENTS = 30;
    public static final int DEFAULT_RESOURCE_COUNT = 500;
    public static final int MAX_RESOURCE_COUNT = 50_000;
    public static final int MAX_RESOURCE_IDS = 100;

    public RemediationSpec {
        locations = List.copyOf(locations);
        resourceIds = List.copyOf(resourceIds);
    }
}
