package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rampart preview} against an HTTP server that records what it is asked and answers as the
 * control plane's preview endpoint does (its own behaviour is tested in rampart-server's
 * conformance suite, impact-preview.json): the request the CLI makes, how it prints the report,
 * exit codes, and errors.
 */
class PreviewCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCOPE = "/subscriptions/s1/resourceGroups/rg";
    private static final String REPORT = """
            {"policyAssignmentId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Authorization/policyAssignments/rampart-preview",
             "enforcementMode": "Default", "scope": "/subscriptions/s1/resourceGroups/rg",
             "summary": {"resourcesEvaluated": 3, "resourcesApplicable": 2, "nonCompliantResources": 1, "wouldDenyResources": 1,
                         "wouldModifyResources": 0, "wouldProtectResources": 0},
             "resources": [
               {"resourceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/east", "complianceState": "NonCompliant",
                "wouldDeny": true, "wouldModify": false, "wouldProtect": false, "members": []},
               {"resourceId": "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/west", "complianceState": "Compliant",
                "wouldDeny": false, "wouldModify": false, "wouldProtect": false, "members": []}]}""";

    record Request(String method, String path, String query, String authorization, String body) {
    }

    private HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile int status = 200;
    private volatile String answer = REPORT;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (requests) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getQuery(),
                        exchange.getRequestHeaders().getFirst("Authorization"), body));
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aBuiltInAtAScope_isSentAsAnAssignmentBody_andTheReportIsPrinted() throws IOException {
        Path params = Files.writeString(dir.resolve("params.json"), "{\"listOfAllowedLocations\": [\"westeurope\"]}");
        Cli.Result r = Cli.run("preview", "--server", url(), "--token", "t0k3n", "--scope", SCOPE, "--definition", Cli.ALLOWED_LOCATIONS,
                "--parameters", params.toString(), "--not-scope", SCOPE + "/providers/Microsoft.Storage/storageAccounts/legacy");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(requests).hasSize(1);
        Request q = requests.getFirst();
        assertThat(q.method()).isEqualTo("POST");
        assertThat(q.path()).isEqualTo(SCOPE + "/providers/Microsoft.Authorization/policyAssignments/rampart-preview/preview");
        assertThat(q.query()).isEqualTo("api-version=2023-04-01");
        assertThat(q.authorization()).isEqualTo("Bearer t0k3n");
        JsonNode sent = JSON.readTree(q.body());
        assertThat(sent.at("/properties/policyDefinitionId").asText())
                .isEqualTo("/providers/Microsoft.Authorization/policyDefinitions/" + Cli.ALLOWED_LOCATIONS);
        assertThat(sent.at("/properties/parameters/listOfAllowedLocations/value/0").asText()).isEqualTo("westeurope");
        assertThat(sent.at("/properties/notScopes/0").asText()).endsWith("/storageAccounts/legacy");
        assertThat(r.out()).contains("non-compliant:    1").contains("would be denied:  1")
                .contains("NonCompliant  /subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/east [deny]")
                .doesNotContain("storageAccounts/west");
    }

    @Test
    void anInitiativeByGuidResolvesToItsSetDefinitionId() throws IOException {
        Cli.run("preview", "--server", url(), "--token", "t", "--scope", SCOPE, "--definition", Cli.MCSB);
        assertThat(JSON.readTree(requests.getFirst().body()).at("/properties/policyDefinitionId").asText())
                .isEqualTo("/providers/Microsoft.Authorization/policySetDefinitions/" + Cli.MCSB);
    }

    @Test
    void anExistingAssignment_sendsNoBody_andJsonIsTheServersReport() throws IOException {
        answer = REPORT.replace("\"nonCompliantResources\": 1, \"wouldDenyResources\": 1", "\"nonCompliantResources\": 0, \"wouldDenyResources\": 0");
        String id = SCOPE + "/providers/Microsoft.Authorization/policyAssignments/audit-only";
        Cli.Result r = Cli.run("preview", "--server", url() + "/", "--token", "t", "--existing", id, "--format", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(requests.getFirst().path()).isEqualTo(id + "/preview");
        assertThat(requests.getFirst().body()).isEmpty();
        assertThat(r.json()).isEqualTo(JSON.readTree(answer));
    }

    @Test
    void anAssignmentFileWithItsId() throws IOException {
        Path file = Files.writeString(dir.resolve("a.json"), "{\"id\": \"" + SCOPE + "/providers/Microsoft.Authorization/policyAssignments/from-file\","
                + " \"properties\": {\"policyDefinitionId\": \"/providers/Microsoft.Authorization/policyDefinitions/" + Cli.ALLOWED_LOCATIONS + "\"}}");
        Cli.Result r = Cli.run("preview", "--server", url(), "--token", "t", "--assignment", file.toString());
        assertThat(r.exit()).isEqualTo(ExitCode.FINDINGS);
        assertThat(requests.getFirst().path()).endsWith("/policyAssignments/from-file/preview");
        assertThat(JSON.readTree(requests.getFirst().body()).at("/properties/policyDefinitionId").asText()).endsWith(Cli.ALLOWED_LOCATIONS);
    }

    @Test
    void aRefusalIsOneLineWithArmsCodeAndMessage() {
        status = 403;
        answer = "{\"error\": {\"code\": \"AuthorizationFailed\", \"message\": \"The client 'x' does not have authorization.\"}}";
        Cli.Result r = Cli.run("preview", "--server", url(), "--token", "t", "--existing", SCOPE + "/providers/Microsoft.Authorization/policyAssignments/a");
        r.isUsageError();
        assertThat(r.err()).contains("403 AuthorizationFailed: The client 'x' does not have authorization.");
    }

    @Test
    void aServerFailureIsExit3() {
        status = 500;
        answer = "{\"error\": {\"code\": \"InternalServerError\", \"message\": \"boom\"}}";
        Cli.Result r = Cli.run("preview", "--server", url(), "--token", "t", "--existing", SCOPE + "/providers/Microsoft.Authorization/policyAssignments/a");
        assertThat(r.exit()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.err()).contains("500 InternalServerError: boom").doesNotContain("\tat ");
    }

    @Test
    void usageErrors() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThat(Cli.run("preview", "--server", "http://127.0.0.1:" + closed, "--token", "t", "--existing",
                SCOPE + "/providers/Microsoft.Authorization/policyAssignments/a").isUsageError().err()).contains("connection refused");
        assertThat(Cli.run("preview", "--server", url(), "--existing", SCOPE + "/providers/Microsoft.Authorization/policyAssignments/a")
                .isUsageError().err()).contains("RAMPART_TOKEN");
        assertThat(Cli.run("preview", "--server", url(), "--token", "t", "--existing", "/subscriptions/s1").isUsageError().err())
                .contains("expected a policy assignment id");
        assertThat(Cli.run("preview", "--server", url(), "--token", "t", "--definition", Cli.ALLOWED_LOCATIONS).isUsageError().err())
                .contains("--definition needs --scope");
        assertThat(Cli.run("preview", "--server", url(), "--token", "t", "--scope", SCOPE, "--definition", "no-such-policy").isUsageError().err())
                .contains("no built-in definition or initiative 'no-such-policy'");
        assertThat(Cli.run("preview", "--server", "ftp://x", "--token", "t", "--existing", "/a").isUsageError().err()).contains("--server");
        assertThat(requests).isEmpty();
    }
}
