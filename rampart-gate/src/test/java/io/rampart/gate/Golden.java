package io.rampart.gate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files: expected report output under src/test/resources/golden. After an intended change
 * of output, regenerate them with {@code ./mvnw -pl rampart-gate -am verify -Drampart.updateGolden=true}
 * and review the diff.
 */
final class Golden {

    private Golden() {
    }

    static void assertMatches(String name, String actual) {
        assertThat(actual).as("output for %s", name).isNotBlank();
        Path file = Path.of(System.getProperty("rampart.goldenDir", "src/test/resources/golden")).resolve(name);
        try {
            if (Boolean.getBoolean("rampart.updateGolden")) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            assertThat(file).as("golden file %s is missing; create it with -Drampart.updateGolden=true", file).exists();
            assertThat(actual).as("output differs from %s (regenerate with -Drampart.updateGolden=true if intended)", file)
                    .isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
