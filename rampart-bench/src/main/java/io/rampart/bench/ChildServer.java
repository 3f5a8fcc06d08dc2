package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.testing.ServerProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The server's Spring Boot jar in a child JVM for the server harnesses ({@link LoadHarness},
 * {@link RemediationLoadHarness}): plain HTTP on a loopback port, H2 in a temp folder that
 * {@link #close()} removes, and a shutdown hook that kills the child if the harness dies first
 * (an orphaned server would go on loading the shared machine).
 */
final class ChildServer implements AutoCloseable {

    private final ServerProcess process;
    private final Path temp;
    private final Thread cleanup;
    private final double startSeconds;
    private final Path jar;
    private final String heap;

    private ChildServer(ServerProcess process, Path temp, Thread cleanup, double startSeconds, Path jar, String heap) {
        this.process = process;
        this.temp = temp;
        this.cleanup = cleanup;
        this.startSeconds = startSeconds;
        this.jar = jar;
        this.heap = heap;
    }

    /** Starts the jar with {@code heap} as both -Xms and -Xmx, waits until it serves, prints one line. */
    static ChildServer start(Path jar, String heap, String adminToken) throws IOException, InterruptedException {
        Path temp = Files.createTempDirectory("rampart-bench-server");
        long t = System.nanoTime();
        ServerProcess server;
        try {
            server = ServerProcess.fromJar(jar).dataDir(temp.resolve("data")).adminToken(adminToken)
                    .jvmOption("-Xms" + heap).jvmOption("-Xmx" + heap)
                    .start();
        } catch (IOException | InterruptedException | RuntimeException e) {
            deleteTree(temp);
            throw e;
        }
        Thread cleanup = new Thread(() -> {
            try {
                server.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Runtime.getRuntime().addShutdownHook(cleanup);
        double seconds = Passes.seconds(t);
        System.out.printf(Locale.ROOT, "server started in %.1f s (pid %d, http://127.0.0.1:%d, heap %s)%n", seconds, server.pid(), server.port(), heap);
        return new ChildServer(server, temp, cleanup, seconds, jar, heap);
    }

    ServerProcess process() {
        return process;
    }

    double startSeconds() {
        return startSeconds;
    }

    /** The server's settings, for a result file. */
    void describe(ObjectNode settings) {
        settings.put("serverJar", jar.toAbsolutePath().toString());
        settings.put("serverHeap", heap);
        settings.put("store", "H2 file store in a temp folder (WRITE_DELAY=0: each commit is on disk before the answer)");
        settings.put("transport", "HTTP/1.1 over loopback, JDK HttpClient, one synchronous request at a time per client");
    }

    /**
     * Stops the server (SIGTERM, then SIGKILL after 30 s) and removes its data. Interrupted while
     * waiting, it keeps the shutdown hook, which kills the child when this JVM exits.
     */
    @Override
    public void close() throws IOException {
        try {
            process.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        Runtime.getRuntime().removeShutdownHook(cleanup);
        deleteTree(temp);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
