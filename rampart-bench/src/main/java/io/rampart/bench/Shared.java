package io.rampart.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the shared corpora ({@code ../shared} beside the project): {@code -Drampart.shared},
 * else {@code RAMPART_SHARED}, else the first {@code shared/corpora} found walking up from the
 * working directory or from the benchmarks jar.
 */
final class Shared {

    private Shared() {
    }

    static Path root() {
        String p = System.getProperty("rampart.shared");
        if (p == null || p.isBlank()) {
            p = System.getenv("RAMPART_SHARED");
        }
        if (p != null && !p.isBlank()) {
            Path root = Path.of(p).toAbsolutePath().normalize();
            if (!Files.isDirectory(root.resolve("corpora"))) {
                throw new IllegalStateException("rampart.shared=" + root + " has no corpora/ folder");
            }
            return root;
        }
        Path found = searchUp(Path.of("").toAbsolutePath());
        if (found == null) {
            found = searchUp(jarDirectory());
        }
        if (found == null) {
            throw new IllegalStateException("the shared corpora were not found above " + Path.of("").toAbsolutePath()
                    + "; pass -Drampart.shared=<path to shared>");
        }
        return found;
    }

    static Path corpus(String name) {
        return root().resolve("corpora").resolve(name);
    }

    static Path restExamples() {
        return corpus("rest-examples").resolve("resources.jsonl");
    }

    private static Path searchUp(Path start) {
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("corpora/rest-examples"))) {
                return candidate.normalize();
            }
        }
        return null;
    }

    private static Path jarDirectory() {
        try {
            Path p = Path.of(Shared.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return p.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
