package io.rampart.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reason a watch ends with, from the final task: the server's statusMessage is added when it
 * tells something new, and not when it repeats the state (Rampart's server says "The remediation
 * was canceled." of a canceled task, and "n of m deployments failed (within the failure
 * threshold)." of a Complete one).
 */
class RemediationResultTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} / {4}")
    @CsvSource(delimiter = '|', textBlock = """
            Canceled  | 20 | 15 | 0 | The remediation was canceled.                                         | the remediation was canceled: 15 of 20 deployments done (15 succeeded, 0 failed)
            Complete  | 2  | 1  | 1 | 1 of 2 deployments failed (within the failure threshold).             | 1 of 2 deployments failed (within the failure threshold)
            Complete  | 2  | 1  | 1 | 1 of 2 deployments failed, within the failure threshold (100%).       | 1 of 2 deployments failed, within the failure threshold (100%)
            Failed    | 2  | 1  | 1 | The failure threshold (10%) was exceeded: 1 of 2 deployments failed. | the remediation failed: 2 of 2 deployments done (1 succeeded, 1 failed). The failure threshold (10%) was exceeded: 1 of 2 deployments failed.
            Succeeded | 0  | 0  | 0 | No non-compliant resources were found to remediate.                  | nothing needed remediation. No non-compliant resources were found to remediate.
            Canceled  | 3  | 1  | 0 | ''                                                                    | the remediation was canceled: 1 of 3 deployments done (1 succeeded, 0 failed)
            """)
    void theReasonAddsTheStatusMessageOnlyWhenItSaysSomethingNew(String state, int total, int ok, int failed, String statusMessage, String reason)
            throws Exception {
        String task = """
                {"properties": {"provisioningState": "%s", "statusMessage": %s,
                 "deploymentStatus": {"totalDeployments": %d, "successfulDeployments": %d, "failedDeployments": %d}}}
                """.formatted(state, JSON.writeValueAsString(statusMessage), total, ok, failed);
        RemediationResult r = RemediationResult.of(JSON.readTree(task), RemediationResult.Stop.FINISHED, Duration.ofMinutes(1));
        assertThat(r.reason()).isEqualTo(reason);
    }
}
