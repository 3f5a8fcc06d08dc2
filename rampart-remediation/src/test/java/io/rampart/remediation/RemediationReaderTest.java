package io.rampart.remediation;

import io.rampart.governance.scope.ArmId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class RemediationReaderTest {

    private static final ArmId ID = ArmId.parse("/subscriptions/s1/providers/Microsoft.PolicyInsights/remediations/r");
    private static final String PA = "\"policyAssignmentId\": \"/subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/a\"";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{}|The request body must be an object with 'properties'",
            "{\"properties\": {}}|'properties.policyAssignmentId' is required",
            "{\"properties\": {\"policyAssignmentId\": \"/subscriptions/s1/resourceGroups/rg\"}}|must be the id of a Microsoft.Authorization/policyAssignments",
            "{\"properties\": {PA, \"resourceDiscoveryMode\": \"Sometimes\"}}|must be ExistingNonCompliant or ReEvaluateCompliance",
            "{\"properties\": {PA, \"parallelDeployments\": 31}}|'properties.parallelDeployments' must be an integer from 1 to 30",
            "{\"properties\": {PA, \"parallelDeployments\": 0}}|'properties.parallelDeployments' must be an integer from 1 to 30",
            "{\"properties\": {PA, \"resourceCount\": 50001}}|'properties.resourceCount' must be an integer from 1 to 50000",
            "{\"properties\": {PA, \"failureThreshold\": {\"percentage\": 50}}}|must be a number from 0.0 to 1.0",
            "{\"properties\": {PA, \"filters\": {\"locations\": \"eastus\"}}}|'properties.filters.locations' must be an array of strings",
            "{\"properties\": {PA, \"filters\": {\"resourceIds\": []}}}|can't be empty when given",
            "{\"properties\": {PA, \"resourceDiscoveryMode\": \"ReEvaluateCompliance\", \"filters\": {\"resourceIds\": [\"/subscriptions/s1/resourceGroups/rg/providers/A.B/c/d\"]}}}|can't be used with resourceDiscoveryMode ReEvaluateCompliance",
    })
    void refusesBadBodiesNamingThePropertyAndWhatWasExpected(String body, String message) {
        var r = RemediationReader.read(ID, Fixture.json(body.replace("PA", PA)));
        assertThat(r.error()).isNotNull();
        assertThat(r.error().status()).isEqualTo(400);
        assertThat(r.error().code()).isEqualTo("InvalidCreateRemediationRequest");
        assertThat(r.error().message()).startsWith("The request to create remediation 'r' is invalid. ").contains(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"properties\": {PA}}|ExistingNonCompliant|10|500|1.0",
            "{\"properties\": {PA, \"resourceDiscoveryMode\": \"reevaluatecompliance\", \"parallelDeployments\": 30, \"resourceCount\": 50000, \"failureThreshold\": {\"percentage\": 0.25}}}|ReEvaluateCompliance|30|50000|0.25",
    })
    void readsDefaultsAndLimits(String body, DiscoveryMode mode, int parallel, int count, double threshold) {
        var r = RemediationReader.read(ID, Fixture.json(body.replace("PA", PA)));
        assertThat(r.error()).isNull();
        assertThat(r.value().discoveryMode()).isEqualTo(mode);
        assertThat(r.value().parallelDeployments()).isEqualTo(parallel);
        assertThat(r.value().resourceCount()).isEqualTo(count);
        assertThat(r.value().failureThreshold()).isEqualTo(threshold);
        assertThat(r.value().scope().id()).isEqualTo("/subscriptions/s1");
    }
}
