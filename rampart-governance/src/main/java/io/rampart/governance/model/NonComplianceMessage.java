package io.rampart.governance.model;

/** A non-compliance message: for the whole assignment, or for one initiative member (reference id). */
public record NonComplianceMessage(String message, String policyDefinitionReferenceId) {
}
