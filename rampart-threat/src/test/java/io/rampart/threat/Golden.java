package io.rampart.threat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden files under src/test/resources. After an intended change of output, regenerate with
 * {@code ./mvnw -pl rampart-threat verify -Drampart.updateGolden=true} and review the diff.
 */
public final class Golden {

    private Golden() {
    }

    public static void assertMatches(String resourcePath, String actual) {
        assertThat(actual).isNotBlank();
        Path file = Path.of("src", "test", "resources").resolve(resourcePath);
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
