package io.rampart.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rampart serve}: starts the control plane. Options: --port N (default 8080),
 * --data-dir DIR (H2 store; default ./rampart-data), --admin-token T (default: generated and
 * printed), --jdbc-url URL [--jdbc-user U --jdbc-password P] (PostgreSQL), --demo (seed the demo
 * estate), --shared DIR (the shared corpora, for the demo's resources), --no-policy (no enforcement
 * or compliance: a baseline for measurements). Anything else goes to
 * Spring Boot as is.
 */
@SpringBootApplication
public class RampartServer {

    public static void main(String[] args) {
        Map<String, Object> defaults = new HashMap<>();
        List<String> rest = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--port" -> defaults.put("server.port", value(args, ++i, a));
                    case "--data-dir" -> defaults.put("rampart.data-dir", value(args, ++i, a));
                    case "--admin-token" -> defaults.put("rampart.admin-token", value(args, ++i, a));
                    case "--jdbc-url" -> defaults.put("rampart.jdbc-url", value(args, ++i, a));
                    case "--jdbc-user" -> defaults.put("rampart.jdbc-user", value(args, ++i, a));
                    case "--jdbc-password" -> defaults.put("rampart.jdbc-password", value(args, ++i, a));
                    case "--shared" -> defaults.put("rampart.shared", value(args, ++i, a));
                    case "--demo" -> defaults.put("rampart.demo", "true");
                    case "--no-policy" -> defaults.put("rampart.policy.enabled", "false");
                    case "-h", "--help" -> {
                        usage(System.out);
                        return;
                    }
                    default -> rest.add(a);
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("rampart serve: " + e.getMessage());
            usage(System.err);
            System.exit(2);
        }
        SpringApplication app = new SpringApplication(RampartServer.class);
        app.setDefaultProperties(defaults);
        app.run(rest.toArray(String[]::new));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(PrintStream out) {
        out.println("usage: rampart serve [--port N] [--data-dir DIR] [--admin-token TOKEN] [--demo] [--shared DIR] [--no-policy]");
        out.println("                     [--jdbc-url URL [--jdbc-user U] [--jdbc-password P]]");
    }

    /** Runs the bootstrap once the web server is up, then prints where to reach it and the admin token. */
    @Bean
    ApplicationListener<ApplicationReadyEvent> announce(Bootstrap bootstrap, ServerSettings settings) {
        return event -> {
            String token = bootstrap.run();
            int port = event.getApplicationContext() instanceof WebServerApplicationContext web ? web.getWebServer().getPort() : -1;
            boolean tls = event.getApplicationContext().getEnvironment().getProperty("server.ssl.enabled", Boolean.class, false);
            String url = (tls ? "https" : "http") + "://localhost:" + port;
            PrintStream out = System.out;
            out.println();
            out.println("Rampart control plane: " + url);
            out.println("admin token:           " + (settings.adminToken() != null && !settings.adminToken().isBlank() ? "(as given with --admin-token)" : token));
            out.println("try:                   curl -H \"Authorization: Bearer $TOKEN\" '" + url + "/subscriptions?api-version=2022-12-01'");
            out.println();
            out.flush();
        };
    }
}
