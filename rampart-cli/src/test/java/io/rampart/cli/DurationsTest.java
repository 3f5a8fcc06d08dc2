package io.rampart.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "15m, PT15M", "2h, PT2H", "1d, PT24H", "PT1M30S, PT1M30S", "pt10s, PT10S", "0s, PT0S"})
    void parses(String text, String expected) {
        assertThat(Durations.parse(text, "--x")).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10", "10x", "-5s", "ms", "PT-1S", "1.5s", "s"})
    void refuses(String text) {
        assertThatThrownBy(() -> Durations.parse(text, "--timeout")).isInstanceOf(CliException.class)
                .hasMessage("--timeout: expected a duration such as 30s, 15m, 2h, 1d or PT1H, found '" + text + "'");
    }

    @ParameterizedTest
    @CsvSource({"PT0.35S, 350ms", "PT45S, 45s", "PT2M, 2m", "PT2M5S, 2m 5s", "PT1H, 1h 0m", "PT26H3M, 26h 3m"})
    void describes(String d, String text) {
        assertThat(Durations.describe(Duration.parse(d))).isEqualTo(text);
    }
}
