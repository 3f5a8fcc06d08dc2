package io.rampart.remediation;

/** {@code resourceDiscoveryMode}: how a remediation finds the resources to remediate (PolicyInsights 2021-10-01). */
public enum DiscoveryMode {
    /** Remediate resources that are already known to be non-compliant (the default). */
    ExistingNonCompliant,
    /** Re-evaluate the compliance state of resources and then remediate the resources found to be non-compliant. */
    ReEvaluateCompliance
}
