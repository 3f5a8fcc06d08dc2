package io.rampart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.policy.Json;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server remediation harness accepts as a finished task, on answers in PolicyInsights'
 * shapes: a complete one passes, and each way of doing less work than claimed is named.
 */
class RemediationCheckTest {

    static final String A = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/a";
    static final String B = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/b";

    static JsonNode task(String state, int total, int ok, int failed) {
        return Json.read("{\"properties\":{\"provisioningState\":\"" + state + "\",\"deploymentStatus\":{\"totalDeployments\":" + total
                + ",\"successfulDeployments\":" + ok + ",\"failedDeployments\":" + failed + "}}}", "task");
    }

    static JsonNode record(String id, String status) {
        return Json.read("{\"remediatedResourceId\":\"" + id + "\",\"status\":\"" + status + "\""
                + (status.equals("Failed") ? ",\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no role\"}" : "") + "}", "record");
    }

    @Test
    void aSucceededTaskWithEveryDeploymentPasses() {
        assertThat(RemediationCheck.task(task("Succeeded", 2, 2, 0), 2)).isEmpty();
        assertThat(RemediationCheck.isFinal(task("Succeeded", 2, 2, 0))).isTrue();
    }

    @Test
    void aCompleteTaskWithAFailureOrTooFewDeploymentsIsNamed() {
        assertThat(RemediationCheck.task(task("Complete", 2, 1, 1), 2))
                .containsExactly("provisioningState is 'Complete', expected Succeeded", "deploymentStatus.successfulDeployments is 1, expected 2",
                        "deploymentStatus.failedDeployments is 1, expected 0");
        assertThat(RemediationCheck.task(task("Succeeded", 1, 1, 0), 2))
                .containsExactly("deploymentStatus.totalDeployments is 1, expected 2", "deploymentStatus.successfulDeployments is 1, expected 2");
        assertThat(RemediationCheck.task(Json.read("{\"properties\":{\"provisioningState\":\"Succeeded\"}}", "t"), 1))
                .contains("deploymentStatus.totalDeployments is missing, expected 1");
    }

    @Test
    void runningStatesAreNotFinal() {
        for (String s : List.of("Accepted", "Evaluating", "Cancelling", "")) {
            assertThat(RemediationCheck.isFinal(task(s, 0, 0, 0))).as(s).isFalse();
        }
        for (String s : List.of("Complete", "Failed", "Canceled")) {
            assertThat(RemediationCheck.isFinal(task(s, 0, 0, 0))).as(s).isTrue();
        }
    }

    @Test
    void recordsMustCoverEveryResourceOnceAndAllSucceed() {
        assertThat(RemediationCheck.deployments(List.of(record(A.toUpperCase(), "Succeeded"), record(B, "Succeeded")), List.of(A, B)))
                .as("ids compare ignoring case").isEmpty();
        assertThat(RemediationCheck.deployments(List.of(record(A, "Succeeded"), record(B, "Failed")), List.of(A, B)))
                .containsExactly("1 record(s) not Succeeded, e.g. [" + B.toLowerCase() + " Failed AuthorizationFailed: no role]");
        assertThat(RemediationCheck.deployments(List.of(record(A, "Succeeded")), List.of(A, B)))
                .containsExactly("1 resource(s) without a record, e.g. [" + B.toLowerCase() + "]");
        assertThat(RemediationCheck.deployments(List.of(record(A, "Succeeded"), record(A, "Succeeded"), record(B + "x", "Succeeded")), List.of(A, B)))
                .containsExactly("1 resource(s) without a record, e.g. [" + B.toLowerCase() + "]",
                        "1 record(s) for resources not in the set, e.g. [" + (B + "x").toLowerCase() + "]",
                        "1 resource(s) with more than one record, e.g. [" + A.toLowerCase() + "]");
    }

    @Test
    void complianceCountsResourcesFromTheSummary() {
        JsonNode summary = Json.read("""
                {"value": [{"results": {"nonCompliantResources": 1, "resourceDetails": [
                  {"complianceState": "compliant", "count": 3}, {"complianceState": "noncompliant", "count": 1},
                  {"complianceState": "exempt", "count": 5}]}}]}""", "summary");
        RemediationCheck.Compliance c = RemediationCheck.Compliance.of(summary);
        assertThat(c).isEqualTo(new RemediationCheck.Compliance(3, 1));
        assertThat(c.percent()).isEqualTo(75.0);
        assertThat(c.allCompliant(4)).isFalse();
        assertThat(new RemediationCheck.Compliance(4, 0).allCompliant(4)).isTrue();
        assertThat(new RemediationCheck.Compliance(3, 0).allCompliant(4)).as("a resource missing from the summary").isFalse();
        assertThat(RemediationCheck.Compliance.of(Json.read("{\"value\":[]}", "empty")).percent()).isNaN();
    }
}
