package io.rampart.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * An in-process HTTP server that answers as a control plane would, from scripts: each route
 * (method + the end of the path, or of path?query) answers its responses in turn, the last one
 * again and again. It records every request. Unrouted requests get a 404 ARM error.
 */
final class ControlPlaneStub implements AutoCloseable {

    record Request(String method, String path, String rawPath, String query, String authorization, String body) {
    }

    record Response(int status, String body) {

        static Response fixture(String name) {
            return new Response(200, read(name));
        }

        static Response fixture(int status, String name) {
            return new Response(status, read(name));
        }

        private static String read(String name) {
            try {
                return Files.readString(Path.of(Cli.fixture("remediation/" + name)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final class Route {
        final String method;
        final String suffix;
        final List<Response> script;
        int next;

        Route(String method, String suffix, List<Response> script) {
            this.method = method;
            this.suffix = suffix;
            this.script = script;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Route> routes = new ArrayList<>();
    private final List<Request> requests = new ArrayList<>();
    private volatile Consumer<Request> onRequest = r -> {
    };

    ControlPlaneStub() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method} requests whose path (or path?query, when the suffix has a '?') ends with {@code suffix}: each response in turn, then the last. */
    ControlPlaneStub on(String method, String suffix, Response... script) {
        synchronized (routes) {
            routes.add(new Route(method, suffix, List.of(script)));
        }
        return this;
    }

    /** Runs before each request is answered (on the server's thread), e.g. to interrupt the CLI at a chosen poll. */
    void onRequest(Consumer<Request> hook) {
        this.onRequest = hook;
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    List<Request> requests(String method, String suffix) {
        return requests().stream().filter(r -> r.method().equals(method) && r.path().endsWith(suffix)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawPath(),
                exchange.getRequestURI().getQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body);
        synchronized (requests) {
            requests.add(request);
        }
        onRequest.accept(request);
        Response response = answer(request);
        byte[] out = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            exchange.getResponseBody().write(out);
        }
        exchange.close();
    }

    private Response answer(Request r) {
        String withQuery = r.path() + (r.query() == null ? "" : "?" + r.query());
        synchronized (routes) {
            Route best = null;
            for (Route route : routes) {
                boolean matches = route.method.equals(r.method())
                        && (route.suffix.contains("?") ? withQuery.endsWith(route.suffix) : r.path().endsWith(route.suffix));
                if (matches && (best == null || route.suffix.length() > best.suffix.length())) {
                    best = route;
                }
            }
            if (best == null) {
                return new Response(404, "{\"error\": {\"code\": \"NotFound\", \"message\": \"no route for " + r.method() + " " + r.path() + "\"}}");
            }
            Response out = best.script.get(Math.min(best.next, best.script.size() - 1));
            best.next++;
            return out;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
