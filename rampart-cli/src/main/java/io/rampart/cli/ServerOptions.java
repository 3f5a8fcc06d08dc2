package io.rampart.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How the commands that talk to a running control plane reach it: --server, --token, --ca-cert, --insecure. */
final class ServerOptions {

    @Option(names = "--server", paramLabel = "URL", description = "The control plane, e.g. https://localhost:8443 (default: the RAMPART_SERVER "
            + "environment variable).")
    String server;

    @Option(names = "--token", paramLabel = "T", description = "Bearer token (default: the RAMPART_TOKEN environment variable).")
    String token;

    @Option(names = "--ca-cert", paramLabel = "FILE", description = "Trust the server's certificate through this CA certificate (PEM or DER).")
    Path caCert;

    @Option(names = "--insecure", description = "Trust any server certificate (a development server with a self-signed one).")
    boolean insecure;

    ControlPlaneClient client() {
        return new ControlPlaneClient(server != null ? server : System.getenv("RAMPART_SERVER"),
                token != null ? token : System.getenv("RAMPART_TOKEN"), caCert, insecure);
    }
}
