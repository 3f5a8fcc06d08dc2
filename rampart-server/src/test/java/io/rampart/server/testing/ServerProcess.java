package io.rampart.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Rampart server in a child JVM: plain HTTP on a free loopback port, the H2 store in a data
 * folder, a fixed admin token. Started from the server's classes on a class path (tests) or from
 * the Spring Boot jar ({@code rampart-server/target/rampart-server.jar}, what {@code ./rampart
 * serve} runs; the load harness in rampart-bench). Output goes to a log file; the server is ready
 * when it prints its URL, which it does after the bootstrap has registered the admin token.
 *
 * <p>{@link #kill()} is SIGKILL (on Unix {@link Process#destroyForcibly()} sends it): no shutdown
 * hooks, no store close — a crash as the operating system would cause it.
 */
public final class ServerProcess implements AutoCloseable {

    /** What the server prints once it serves requests (RampartServer#announce). */
    static final String READY_LINE = "Rampart control plane: ";

    private final Process process;
    private final int port;
    private final String adminToken;
    private final Path log;
    private final HttpClient http;

    private ServerProcess(Process process, int port, String adminToken, Path log) {
        this.process = process;
        this.port = port;
        this.adminToken = adminToken;
        this.log = log;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The server main class on a class path (the test JVM's own, say). */
    public static Builder fromClassPath(String classPath) {
        return new Builder(List.of("-cp", classPath, "io.rampart.server.RampartServer"));
    }

    /** The Spring Boot jar. */
    public static Builder fromJar(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no server jar at " + jar.toAbsolutePath() + " (build it: ./mvnw -pl rampart-server -am package -DskipTests)");
        }
        return new Builder(List.of("-jar", jar.toAbsolutePath().toString()));
    }

    /** The JVM running this code, for the child. */
    static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    public static final class Builder {
        private final List<String> main;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> serverArgs = new ArrayList<>();
        private Path dataDir;
        private String adminToken = "rampart-child-admin-token-0123456789";
        private Duration readyTimeout = Duration.ofSeconds(180);
        private int port;

        private Builder(List<String> main) {
            this.main = main;
        }

        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        /** At least 16 characters (the store refuses shorter tokens). */
        public Builder adminToken(String token) {
            this.adminToken = token;
            return this;
        }

        public Builder jvmOption(String option) {
            jvmOptions.add(option);
            return this;
        }

        /** Passed to the server as is (Spring properties as {@code --name=value}). */
        public Builder serverArg(String arg) {
            serverArgs.add(arg);
            return this;
        }

        /** A fixed port (a restart on the same port); 0, the default, picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A hang guard, not a performance expectation: how long to wait for the ready line. */
        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public ServerProcess start() throws IOException, InterruptedException {
            ServerProcess server = launch();
            server.awaitReady(readyTimeout);
            return server;
        }

        /**
         * Starts the child without waiting for it to be ready: for a server that may stop itself
         * before it announces itself (a crash test's kill switch firing while it resumes work).
         */
        public ServerProcess launch() throws IOException {
            if (dataDir == null) {
                throw new IllegalStateException("a data folder is required");
            }
            Files.createDirectories(dataDir);
            int p = port != 0 ? port : freeLoopbackPort();
            List<String> cmd = new ArrayList<>();
            cmd.add(javaBinary());
            cmd.addAll(jvmOptions);
            cmd.addAll(main);
            cmd.addAll(List.of("--port", Integer.toString(p), "--server.address=127.0.0.1", "--data-dir", dataDir.toString(),
                    "--admin-token", adminToken,
                    // plain text logs at warn: the ready line is what we read; ECS JSON would only cost time
                    "--logging.structured.format.console=", "--logging.level.root=warn"));
            cmd.addAll(serverArgs);
            Path log = dataDir.resolveSibling(dataDir.getFileName() + "-server-" + System.nanoTime() + ".log");
            Process process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ServerProcess(process, p, adminToken, log);
        }
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(log, StandardCharsets.UTF_8).contains(READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + " before it was ready; its output:\n" + logTail());
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the server was not ready after " + timeout.toSeconds() + " s; its output:\n" + logTail());
    }

    /** The last 4,000 characters of the server's output. */
    public String logTail() {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public String adminToken() {
        return adminToken;
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** A request with the admin token and, when there is a body, Content-Type: application/json. */
    public HttpRequest request(String method, String pathAndQuery, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + adminToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.build();
    }

    /** A status and the body as text. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Sends a request as the admin; transport failures (the server is gone) are thrown. */
    public Answer call(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request(method, pathAndQuery, body), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    /** As {@link #call}, and the status must be 2xx. */
    public Answer require(String method, String pathAndQuery, String body) throws IOException, InterruptedException {
        Answer a = call(method, pathAndQuery, body);
        if (!a.ok()) {
            throw new IllegalStateException(method + " " + pathAndQuery + " answered " + a.status() + ": " + a.body());
        }
        return a;
    }

    public HttpClient http() {
        return http;
    }

    /** SIGKILL, then waits for the process to be gone; returns its exit code (137 = 128 + SIGKILL). */
    public int kill() throws InterruptedException {
        process.destroyForcibly();
        return process.waitFor();
    }

    /** Waits for the process to end by itself; its exit code, or empty when it still runs after {@code timeout}. */
    public java.util.OptionalInt waitForExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? java.util.OptionalInt.of(process.exitValue()) : java.util.OptionalInt.empty();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A normal stop (SIGTERM: Spring closes the store), SIGKILL if it takes more than 30 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freeLoopbackPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
