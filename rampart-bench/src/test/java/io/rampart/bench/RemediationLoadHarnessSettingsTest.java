package io.rampart.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The server remediation harness's command line: defaults, options, and clear refusals (the server is never started here). */
class RemediationLoadHarnessSettingsTest {

    @Test
    void defaultsAre500AccountsAtParallelDeployments1And10WithClosedFirewalls() {
        RemediationLoadHarness.Settings s = RemediationLoadHarness.Settings.parse(new String[0]);
        assertThat(s.resources()).isEqualTo(500);
        assertThat(s.parallel()).containsExactly(1, 10);
        assertThat(s.warmup()).isEqualTo(1);
        assertThat(s.rounds()).isEqualTo(1);
        assertThat(s.publicNetwork()).isFalse();
        assertThat(s.out()).isEqualTo(Path.of("target", "bench", "remediation-server.json"));
    }

    @Test
    void optionsWithAndWithoutValues() {
        RemediationLoadHarness.Settings s = RemediationLoadHarness.Settings.parse(
                new String[]{"--resources", "40", "--public-network", "--parallel", "10, 1,30", "--rounds", "3", "--out", "x.json"});
        assertThat(s.resources()).isEqualTo(40);
        assertThat(s.publicNetwork()).isTrue();
        assertThat(s.parallel()).containsExactly(10, 1, 30);
        assertThat(s.rounds()).isEqualTo(3);
        assertThat(s.out()).isEqualTo(Path.of("x.json"));
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--resources"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("--resources needs a value");
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--resources", "many"}))
                .hasMessageContaining("expected a whole number");
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--parallel", "1,31"}))
                .hasMessageContaining("--parallel of distinct numbers 1..30");
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--parallel", "10,10"}))
                .hasMessageContaining("--parallel of distinct numbers 1..30");
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--resources", "0"}))
                .hasMessageContaining("--resources 1..50000");
        assertThatThrownBy(() -> RemediationLoadHarness.Settings.parse(new String[]{"--fast"}))
                .hasMessage("unknown argument --fast (try --help)");
    }
}
