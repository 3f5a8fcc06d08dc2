package io.rampart.threat;

import java.nio.file.Files;
import java.nio.file.Path;

/** The public corpora under ../shared, read in place (same lookup as io.rampart.policy.SharedCorpora). */
public final class Corpora {

    private Corpora() {
    }

    public static Path root() {
        String p = System.getProperty("rampart.shared");
        if (p == null) {
            p = System.getenv("RAMPART_SHARED");
        }
        Path root = p != null ? Path.of(p) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(root)) {
            root = Path.of("..", "shared");
        }
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("the shared corpora are not at " + root.toAbsolutePath()
                    + "; set -Drampart.shared=<path to shared>");
        }
        return root.normalize();
    }

    public static Path corpus(String name) {
        return root().resolve("corpora").resolve(name);
    }

    /** Where tests write their reports (target/rampart-reports). */
    public static Path reports() {
        String p = System.getProperty("rampart.reports");
        return Path.of(p != null ? p : "target/rampart-reports");
    }
}
