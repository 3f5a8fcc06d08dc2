package io.rampart.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the store lives: a JDBC URL (H2 or PostgreSQL) with optional credentials.
 * {@link #h2File(Path)} is the zero-set-up default: a file database under a data folder.
 */
public record StoreConfig(String jdbcUrl, String user, String password, int maxConnections) {

    public StoreConfig {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        if (!jdbcUrl.startsWith("jdbc:h2:") && !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new StoreException("unsupported JDBC URL '" + jdbcUrl + "': expected jdbc:h2:... or jdbc:postgresql://...");
        }
        if (maxConnections < 1) {
            throw new StoreException("maxConnections must be at least 1, got " + maxConnections);
        }
    }

    public static StoreConfig of(String jdbcUrl, String user, String password) {
        return new StoreConfig(jdbcUrl, user, password, 10);
    }

    /**
     * An H2 file database {@code rampart.mv.db} in {@code dataDir}. WRITE_DELAY=0 makes H2 write
     * every commit to the file before the commit returns, so an acknowledged write survives the
     * process being killed (the default, 500 ms, would lose the last half second).
     */
    public static StoreConfig h2File(Path dataDir) {
        String path = dataDir.toAbsolutePath().normalize().resolve("rampart").toString().replace('\\', '/');
        return of("jdbc:h2:file:" + path + ";WRITE_DELAY=0", "sa", "");
    }

    /** A private in-memory H2 database (tests). */
    public static StoreConfig h2Memory(String name) {
        return of("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    public boolean isH2() {
        return jdbcUrl.startsWith("jdbc:h2:");
    }

    /** The URL without any password parameter (for logs and the health endpoint). */
    public String redactedUrl() {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public StoreConfig withMaxConnections(int n) {
        return new StoreConfig(jdbcUrl, user, password, n);
    }
}
