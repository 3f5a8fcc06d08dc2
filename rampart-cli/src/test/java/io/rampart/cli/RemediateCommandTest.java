package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rampart.cli.ControlPlaneStub.Request;
import io.rampart.cli.ControlPlaneStub.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rampart remediate} against a stub control plane that answers with Azure's documented
 * PolicyInsights 2021-10-01 examples (fixtures/remediation, sources in its README): the requests
 * the CLI makes (paths, api-version, bodies, nextLink paging), what it prints (golden files),
 * how it watches (progress, timeout, retries, Ctrl-C) and its exit codes.
 */
class RemediateCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUB = "35ee058e-5fa0-414c-8145-3ebb8d09b6e2";
    private static final String ASSIGNMENT = "/subscriptions/" + SUB + "/providers/microsoft.authorization/policyassignments/b101830944f246d8a14088c5";
    private static final String REMEDIATION = "/subscriptions/" + SUB + "/providers/Microsoft.PolicyInsights/remediations/storageRemediation";
    private static final String NAME = "/remediations/storageRemediation";

    private final ControlPlaneStub stub = new ControlPlaneStub();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        stub.close();
    }

    private String[] args(String... more) {
        List<String> a = new ArrayList<>(List.of("remediate"));
        a.addAll(List.of(more));
        a.addAll(List.of("--server", stub.url(), "--token", "t0k3n"));
        return a.toArray(String[]::new);
    }

    private Cli.Result run(String... more) {
        return Cli.run(args(more));
    }

    /** A fixture with one text replaced (a state the examples don't show). */
    private static Response variant(String fixture, String from, String to) {
        Response r = Response.fixture(fixture);
        assertThat(r.body()).contains(from);
        return new Response(200, r.body().replace(from, to));
    }

    private void deploymentsInTwoPages() {
        stub.on("POST", NAME + "/listDeployments", Response.fixture("deployments-page1.json"));
        stub.on("GET", "/listDeployments?api-version=2021-10-01&$skiptoken=page2", Response.fixture("deployments-page2.json"));
    }

    // --- create ---------------------------------------------------------------------------------

    @Test
    void create_putsAzuresBody_atTheAssignmentsScope() throws IOException {
        stub.on("PUT", NAME, Response.fixture(201, "accepted.json"));
        Cli.Result r = run("create", "storageRemediation", "--assignment", ASSIGNMENT, "--definition-reference-id", "8c8fa9e4",
                "--discovery", "reevaluatecompliance", "--location", "eastus,westus", "--location", "eastus", "--parallel", "6",
                "--resource-count", "42", "--failure-threshold", "0.1");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Request put = stub.requests().getFirst();
        assertThat(stub.requests()).hasSize(1);
        assertThat(put.method()).isEqualTo("PUT");
        assertThat(put.path()).isEqualTo(REMEDIATION);
        assertThat(put.query()).isEqualTo("api-version=2021-10-01");
        assertThat(put.authorization()).isEqualTo("Bearer t0k3n");
        assertThat(JSON.readTree(put.body())).isEqualTo(JSON.readTree(Path.of(Cli.fixture("remediation/create-request.json")).toFile()));
        Golden.assertMatches("remediate-create.txt", r.out());
    }

    @Test
    void create_sendsOnlyWhatWasGiven_andJsonIsTheServersAnswer() throws IOException {
        stub.on("PUT", NAME, Response.fixture(201, "accepted.json"));
        Cli.Result r = run("create", "storageRemediation", "-a", ASSIGNMENT, "--format", "json", "--failure-threshold", "10%");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(stub.requests().getFirst().body())).isEqualTo(JSON.readTree(
                "{\"properties\": {\"policyAssignmentId\": \"" + ASSIGNMENT + "\", \"failureThreshold\": {\"percentage\": 0.1}}}"));
        assertThat(r.json()).isEqualTo(JSON.readTree(Response.fixture("accepted.json").body()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "management group    | -m financeMg                                                  | /providers/Microsoft.Management/managementGroups/financeMg",
            "subscription        | --subscription s1                                              | /subscriptions/s1",
            "resource group      | --subscription s1 --resource-group rg1                         | /subscriptions/s1/resourceGroups/rg1",
            "resource group (-g) | --scope /subscriptions/s1/resourceGroups/rg1/                  | /subscriptions/s1/resourceGroups/rg1",
            "resource            | --scope /subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/storAc1 "
                    + "| /subscriptions/s1/resourceGroups/rg1/providers/Microsoft.Storage/storageAccounts/storAc1"})
    void create_atEveryScope(String what, String scopeArgs, String scope) {
        stub.on("PUT", "", Response.fixture(201, "accepted.json"));
        List<String> a = new ArrayList<>(List.of("create", "fix-tags", "--assignment", "/providers/Microsoft.Management/managementGroups/financeMg"
                + "/providers/Microsoft.Authorization/policyAssignments/tags"));
        a.addAll(List.of(scopeArgs.split(" ")));
        Cli.Result r = run(a.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(stub.requests().getFirst().path()).isEqualTo(scope + "/providers/Microsoft.PolicyInsights/remediations/fix-tags");
    }

    @Test
    void create_anAssignmentByName_isAtTheScope_andAFullIdNeedsNoScope() throws IOException {
        stub.on("PUT", "", Response.fixture(201, "accepted.json"));
        assertThat(run("create", "r1", "--assignment", "tags", "--subscription", "s1").exit()).isEqualTo(ExitCode.OK);
        assertThat(JSON.readTree(stub.requests().getFirst().body()).at("/properties/policyAssignmentId").asText())
                .isEqualTo("/subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/tags");
        String id = "/subscriptions/s1/resourceGroups/rg1/providers/Microsoft.PolicyInsights/remediations/r2";
        assertThat(run("create", id, "--assignment", "/subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/tags").exit())
                .isEqualTo(ExitCode.OK);
        assertThat(stub.requests().get(1).path()).isEqualTo(id);
    }

    @Test
    void create_refused_isOneLineWithAzuresCodeAndMessage() {
        stub.on("PUT", NAME, Response.fixture(400, "error-400.json"));
        Cli.Result r = run("create", "storageRemediation", "--assignment", ASSIGNMENT, "--watch").isUsageError();
        assertThat(r.err()).isEqualTo("rampart: the control plane refused the request: 400 InvalidCreateRemediationRequest: The request to create "
                + "remediation 'storageRemediation' is invalid. The policy assignment '" + ASSIGNMENT + "' assigns a policy set definition. "
                + "Remediations must specify a single policy definition reference ID within the policy set definition.\n");
        assertThat(stub.requests()).hasSize(1);
    }

    // --- watch ----------------------------------------------------------------------------------

    @Test
    void createAndWatch_acceptedEvaluatingSucceeded_exit0_withEveryDeployment() {
        stub.on("PUT", NAME, Response.fixture(201, "accepted.json"));
        stub.on("GET", NAME, Response.fixture("evaluating.json"), Response.fixture("evaluating.json"), Response.fixture("succeeded.json"));
        deploymentsInTwoPages();
        Cli.Result r = run("create", "storageRemediation", "--assignment", ASSIGNMENT, "--watch", "--interval", "100ms");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("remediate-watch-succeeded.txt", r.out());
        // not a terminal: one line per change on stderr, each state once
        assertThat(r.err().lines().toList()).containsExactly(
                "rampart: watching storageRemediation every 100ms (Ctrl-C stops watching; the remediation keeps running on the server)",
                "rampart: storageRemediation: Accepted, 0 of 2 deployments done (0 succeeded, 0 failed)",
                "rampart: storageRemediation: Evaluating, 1 of 2 deployments done (1 succeeded, 0 failed)",
                "rampart: storageRemediation: Succeeded, 2 of 2 deployments done (2 succeeded, 0 failed)");
        assertThat(stub.requests("GET", NAME)).hasSize(3);
        // the nextLink names management.azure.com: followed on --server, with GET, as Azure's SDKs page
        Request page2 = stub.requests("GET", "/listDeployments").getFirst();
        assertThat(page2.query()).isEqualTo("api-version=2021-10-01&$skiptoken=page2");
        assertThat(page2.authorization()).isEqualTo("Bearer t0k3n");
    }

    @Test
    void onATerminal_progressIsOneLineRewrittenInPlace_andClearedAtTheEnd() {
        stub.on("GET", NAME, Response.fixture("evaluating.json"), Response.fixture("succeeded.json"));
        deploymentsInTwoPages();
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        Io terminal = new Io(out, err, false, true, true, false);
        int exit = Main.runInterruptible(terminal, Interrupts.jvm(), args("watch", REMEDIATION, "--interval", "100ms"));
        assertThat(exit).as(err.toString()).isEqualTo(ExitCode.OK);
        assertThat(err.toString()).contains("\rstorageRemediation: Evaluating 1/2 (1 succeeded, 0 failed)\u001b[K")
                .contains("\rstorageRemediation: Succeeded 2/2 (2 succeeded, 0 failed)\u001b[K")
                .endsWith("\r\u001b[K")
                .doesNotContain("rampart: storageRemediation:");
        Golden.assertMatches("remediate-watch-succeeded.txt", out.toString());
    }

    @Test
    void watch_json_isTheTaskItsDeploymentsAndTheResult() throws IOException {
        stub.on("GET", NAME, Response.fixture("evaluating.json"), Response.fixture("succeeded.json"));
        deploymentsInTwoPages();
        Cli.Result r = run("watch", REMEDIATION, "--interval", "100ms", "--format", "json", "--quiet");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).isEmpty();
        Golden.assertMatches("remediate-watch-succeeded.json", r.out());
        JsonNode out = r.json();
        assertThat(out.get("remediation")).isEqualTo(JSON.readTree(Response.fixture("succeeded.json").body()));
        assertThat(out.at("/deployments/0/remediatedResourceId").asText()).endsWith("/storAc1");
        assertThat(out.at("/deployments/1/remediatedResourceId").asText()).endsWith("/stor1");
        assertThat(out.at("/result/exitCode").asInt()).isEqualTo(0);
    }

    @Test
    void watch_aFailedTask_exit1_failedDeploymentsFirstWithTheirErrors() {
        stub.on("GET", NAME, Response.fixture("evaluating.json"), Response.fixture("failed.json"));
        stub.on("POST", NAME + "/listDeployments", Response.fixture("deployments-failed.json"));
        Cli.Result r = run("watch", "storageRemediation", "--subscription", SUB, "--interval", "100ms");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("remediate-watch-failed.txt", r.out());
        Cli.Result json = run("watch", "storageRemediation", "--subscription", SUB, "--interval", "100ms", "-f", "json");
        assertThat(json.exit()).isEqualTo(ExitCode.FINDINGS);
        Golden.assertMatches("remediate-watch-failed.json", json.out());
    }

    @Test
    void watch_exitCodes_followTheFinalState() {
        assertThat(watchEndingIn(variant("succeeded.json", "\"Succeeded\"", "\"Complete\""))).isEqualTo(ExitCode.OK);
        assertThat(watchEndingIn(Response.fixture("complete-with-failure.json"))).isEqualTo(ExitCode.FINDINGS);
        assertThat(watchEndingIn(variant("cancelling.json", "\"Cancelling\"", "\"Canceled\""))).isEqualTo(ExitCode.FINDINGS);
        assertThat(watchEndingIn(variant("succeeded.json", "\"failedDeployments\": 0", "\"failedDeployments\": 1"))).isEqualTo(ExitCode.FINDINGS);
    }

    private int watchEndingIn(Response last) {
        try (ControlPlaneStub s = new ControlPlaneStub()) {
            s.on("GET", NAME, Response.fixture("evaluating.json"), last);
            s.on("POST", NAME + "/listDeployments", new Response(200, "{\"value\": []}"));
            Cli.Result r = Cli.run("remediate", "watch", REMEDIATION, "--interval", "100ms", "--server", s.url(), "--token", "t");
            assertThat(r.err()).doesNotContain("Exception");
            return r.exit();
        }
    }

    @Test
    void watch_timeout_exit1_theTaskKeepsRunning() {
        stub.on("GET", NAME, Response.fixture("evaluating.json"));
        deploymentsInTwoPages();
        Cli.Result r = run("watch", REMEDIATION, "--interval", "100ms", "--timeout", "350ms");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.FINDINGS);
        assertThat(r.out()).contains("Remediation storageRemediation: Evaluating")
                .endsWith("✗ timed out: still Evaluating after 350ms (--timeout): 1 of 2 deployments done (1 succeeded, 0 failed); "
                        + "it keeps running on the server\n");
        assertThat(stub.requests("POST", "/cancel")).isEmpty();
    }

    @Test
    void watch_ridesOutAServerThatFailsForAWhile() {
        stub.on("GET", NAME, new Response(503, "{\"error\": {\"code\": \"ServiceUnavailable\", \"message\": \"restarting\"}}"),
                Response.fixture("evaluating.json"), Response.fixture("succeeded.json"));
        deploymentsInTwoPages();
        Cli.Result r = run("watch", REMEDIATION, "--interval", "100ms");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.err()).contains("rampart: warning: polling storageRemediation failed: the control plane refused the request: "
                + "503 ServiceUnavailable: restarting; trying again");
    }

    @Test
    void watch_givesUpAfterRetryFor_andOnARefusal() throws IOException {
        stub.on("GET", NAME, new Response(503, "{\"error\": {\"code\": \"ServiceUnavailable\", \"message\": \"down\"}}"));
        Cli.Result r = run("watch", REMEDIATION, "--interval", "100ms", "--retry-for", "300ms");
        assertThat(r.exit()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.err()).contains("503 ServiceUnavailable: down (polling storageRemediation for").contains("--retry-for 300ms)")
                .doesNotContain("\tat ");
        // a 404 (deleted, or never there) ends the watch at once
        try (ControlPlaneStub s = new ControlPlaneStub()) {
            Cli.Result gone = Cli.run("remediate", "watch", REMEDIATION, "--server", s.url(), "--token", "t").isUsageError();
            assertThat(gone.err()).contains("404 NotFound");
            assertThat(s.requests()).hasSize(1);
        }
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Cli.Result unreachable = Cli.run("remediate", "watch", REMEDIATION, "--interval", "100ms", "--retry-for", "250ms",
                "--server", "http://127.0.0.1:" + closed, "--token", "t");
        assertThat(unreachable.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(unreachable.err()).contains("connection refused").contains("--retry-for 250ms");
    }

    /** Stands for Ctrl-C: runs the watch's action when the test says. */
    static final class FakeInterrupts implements Interrupts {
        private volatile Runnable action;
        final AtomicInteger registered = new AtomicInteger();

        @Override
        public Registration onInterrupt(Runnable a) {
            action = a;
            registered.incrementAndGet();
            return () -> action = null;
        }

        void fire() {
            Runnable a = action;
            if (a != null) {
                a.run();
            }
        }
    }

    @Test
    void ctrlC_stopsWatching_andLeavesTheTaskRunning() {
        FakeInterrupts ctrlC = new FakeInterrupts();
        stub.on("GET", NAME, Response.fixture("evaluating.json"));
        AtomicInteger polls = new AtomicInteger();
        stub.onRequest(q -> {
            if (q.method().equals("GET") && q.path().endsWith(NAME) && polls.incrementAndGet() == 2) {
                ctrlC.fire();
            }
        });
        Cli.Result r = Cli.runInterruptible(ctrlC, args("watch", REMEDIATION, "--interval", "100ms"));
        assertThat(r.exit()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("rampart: stopped watching; remediation " + REMEDIATION
                        + " keeps running on the server (Evaluating, 1 of 2 deployments done (1 succeeded, 0 failed)).")
                .contains("rampart remediate cancel " + REMEDIATION);
        assertThat(stub.requests("POST", "/cancel")).isEmpty();
        assertThat(polls.get()).isEqualTo(2);
        assertThat(ctrlC.registered.get()).isEqualTo(1);
    }

    @Test
    void ctrlC_withCancelOnInterrupt_cancelsTheTask() {
        FakeInterrupts ctrlC = new FakeInterrupts();
        stub.on("GET", NAME, Response.fixture("evaluating.json"));
        stub.on("POST", NAME + "/cancel", Response.fixture("cancelling.json"));
        AtomicInteger polls = new AtomicInteger();
        stub.onRequest(q -> {
            if (q.method().equals("GET") && q.path().endsWith(NAME) && polls.incrementAndGet() == 2) {
                ctrlC.fire();
            }
        });
        Cli.Result r = Cli.runInterruptible(ctrlC, args("watch", REMEDIATION, "--interval", "100ms", "--cancel-on-interrupt"));
        assertThat(r.exit()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(r.err()).contains("(Ctrl-C cancels the remediation)")
                .contains("rampart: interrupted: canceling remediation " + REMEDIATION)
                .contains("rampart: the control plane is canceling it: Cancelling, 2 of 2 deployments done (2 succeeded, 0 failed)");
        assertThat(stub.requests("POST", NAME + "/cancel")).hasSize(1);
    }

    // --- show, deployments, list, cancel --------------------------------------------------------

    @Test
    void show_textAndJson() throws IOException {
        stub.on("GET", NAME, Response.fixture("failed.json"));
        Cli.Result r = run("show", "storageRemediation", "--subscription", SUB);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("remediate-show-failed.txt", r.out());
        assertThat(run("show", REMEDIATION, "-f", "json").json()).isEqualTo(JSON.readTree(Response.fixture("failed.json").body()));
    }

    @Test
    void show_withABadToken_is401WithAHint() {
        stub.on("GET", NAME, Response.fixture(401, "error-401.json"));
        Cli.Result r = run("show", REMEDIATION).isUsageError();
        assertThat(r.err()).isEqualTo("rampart: the control plane refused the request: 401 InvalidAuthenticationToken: The access token is invalid. "
                + "(check --token or RAMPART_TOKEN)\n");
    }

    @Test
    void deployments_everyPage_filteredByStatus() throws IOException {
        deploymentsInTwoPages();
        Cli.Result all = run("deployments", REMEDIATION, "--format", "json");
        assertThat(all.exit()).as(all.err()).isEqualTo(ExitCode.OK);
        JsonNode page1 = JSON.readTree(Response.fixture("deployments-page1.json").body());
        JsonNode page2 = JSON.readTree(Response.fixture("deployments-page2.json").body());
        assertThat(all.json().get("value")).containsExactly(page1.at("/value/0"), page2.at("/value/0"));
        try (ControlPlaneStub s = new ControlPlaneStub()) {
            s.on("POST", NAME + "/listDeployments", Response.fixture("deployments-failed.json"));
            Cli.Result text = Cli.run("remediate", "deployments", REMEDIATION, "--server", s.url(), "--token", "t");
            Golden.assertMatches("remediate-deployments.txt", text.out());
            Cli.Result failed = Cli.run("remediate", "deployments", REMEDIATION, "--status", "failed", "-f", "json", "--server", s.url(), "--token", "t");
            assertThat(failed.json().get("value")).hasSize(1);
            assertThat(failed.json().at("/value/0/error/code").asText()).isEqualTo("DeploymentFailed");
        }
    }

    @Test
    void deployments_nextLinkRefusedToGet_isAskedAgainWithPost() {
        stub.on("POST", NAME + "/listDeployments", Response.fixture("deployments-page1.json"));
        stub.on("GET", "/listDeployments?api-version=2021-10-01&$skiptoken=page2", new Response(405,
                "{\"error\": {\"code\": \"MethodNotAllowed\", \"message\": \"POST only\"}}"));
        stub.on("POST", "/listDeployments?api-version=2021-10-01&$skiptoken=page2", Response.fixture("deployments-page2.json"));
        Cli.Result r = run("deployments", REMEDIATION, "-f", "json");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.json().get("value")).hasSize(2);
    }

    @Test
    void aNextLinkThatRepeats_isAnErrorNotALoop() throws IOException {
        stub.on("POST", NAME + "/listDeployments", Response.fixture("deployments-page1.json"));
        stub.on("GET", "/listDeployments?api-version=2021-10-01&$skiptoken=page2", Response.fixture("deployments-page1.json"));
        Cli.Result r = run("deployments", REMEDIATION);
        assertThat(r.exit()).isEqualTo(ExitCode.INTERNAL);
        assertThat(r.out()).isEmpty();
        String link = JSON.readTree(Response.fixture("deployments-page1.json").body()).get("nextLink").asText();
        assertThat(r.err()).isEqualTo("rampart: the control plane's nextLink repeats (" + link + ") after 2 pages\n");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void list_everyPage_ofOneAssignment() {
        stub.on("GET", "/providers/Microsoft.PolicyInsights/remediations", Response.fixture("list-page1.json"));
        stub.on("GET", "/remediations?api-version=2021-10-01&$skiptoken=next", Response.fixture("list-page2.json"));
        Cli.Result r = run("list", "--subscription", SUB, "--assignment", ASSIGNMENT.toUpperCase(java.util.Locale.ROOT).replace("/SUBSCRIPTIONS/",
                "/subscriptions/").replace("/PROVIDERS/", "/providers/"));
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("remediate-list.txt", r.out());
        Request first = stub.requests().getFirst();
        assertThat(first.path()).isEqualTo("/subscriptions/" + SUB + "/providers/Microsoft.PolicyInsights/remediations");
        assertThat(first.query()).isEqualToIgnoringCase("api-version=2021-10-01&$filter=PolicyAssignmentId eq '" + ASSIGNMENT + "'");
        assertThat(stub.requests()).hasSize(2);
    }

    @Test
    void cancel_postsCancel() {
        stub.on("POST", NAME + "/cancel", Response.fixture("cancelling.json"));
        Cli.Result r = run("cancel", "storageRemediation", "--subscription", SUB);
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("Remediation storageRemediation: Cancelling\n")
                .contains("cancel requested; wait for the end with: rampart remediate watch " + REMEDIATION);
        assertThat(stub.requests()).extracting(Request::method, Request::path).containsExactly(org.assertj.core.groups.Tuple.tuple("POST",
                REMEDIATION + "/cancel"));
    }

    @Test
    void output_writesTheReportWhole_andStdoutGetsText() throws IOException {
        stub.on("GET", NAME, Response.fixture("succeeded.json"));
        deploymentsInTwoPages();
        Path file = dir.resolve("reports/remediation.json");
        Cli.Result r = run("watch", REMEDIATION, "--format", "json", "--output", file.toString(), "-q");
        assertThat(r.exit()).as(r.err()).isEqualTo(ExitCode.OK);
        Golden.assertMatches("remediate-watch-succeeded.json", Files.readString(file, StandardCharsets.UTF_8));
        assertThat(r.out()).startsWith("Remediation storageRemediation: Succeeded\n");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void anAnswerThatIsNotJson_orNotAList_isTheServersFault() {
        stub.on("GET", NAME, new Response(200, "<html>proxy login</html>"));
        stub.on("POST", NAME + "/listDeployments", new Response(200, "{\"items\": []}"));
        Cli.Result html = run("show", REMEDIATION);
        assertThat(html.exit()).isEqualTo(ExitCode.INTERNAL);
        assertThat(html.err()).isEqualTo("rampart: the control plane answered 200 with something that is not JSON\n");
        Cli.Result notAList = run("deployments", REMEDIATION);
        assertThat(notAList.exit()).isEqualTo(ExitCode.INTERNAL);
        assertThat(notAList.err()).isEqualTo("rampart: the control plane answered 200 without a list ({\"value\": [...]})\n");
    }

    @Test
    void namesAreEncodedInThePath() {
        stub.on("GET", "", Response.fixture("succeeded.json"));
        assertThat(run("show", "fix tags (ü)", "--subscription", SUB).exit()).isEqualTo(ExitCode.OK);
        assertThat(stub.requests().getFirst().rawPath()).endsWith("/remediations/fix%20tags%20(%C3%BC)");
        assertThat(stub.requests().getFirst().path()).endsWith("/remediations/fix tags (ü)");
    }

    // --- bad usage: a clear line, exit 2, nothing sent ------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "--parallel 0                    | --parallel: parallelDeployments must be from 1 to 30, got 0",
            "--parallel 31                   | --parallel: parallelDeployments must be from 1 to 30, got 31",
            "--resource-count 0              | --resource-count: resourceCount must be from 1 to 50000, got 0",
            "--resource-count 50001          | --resource-count: resourceCount must be from 1 to 50000, got 50001",
            "--failure-threshold 1.5         | --failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got 1.5",
            "--failure-threshold -0.1        | --failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got -0.1",
            "--failure-threshold 150%        | --failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got 150%",
            "--failure-threshold half        | --failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got half",
            "--failure-threshold NaN         | --failure-threshold: failureThreshold.percentage must be from 0.0 to 1.0 (or 0% to 100%), got NaN",
            "--parallel many                 | Invalid value for option '--parallel': 'many' is not an int",
            "--discovery Sometimes           | Invalid value for option '--discovery': expected one of [ExistingNonCompliant, ReEvaluateCompliance]",
            "--location ,                    | --location: empty location",
            "--location ' '                  | --location: empty location",
            "--definition-reference-id ' '   | --definition-reference-id: empty",
            "--timeout 10m                   | --interval, --timeout, --retry-for and --cancel-on-interrupt need --watch",
            "--watch --timeout 10x           | --timeout: expected a duration such as 30s, 15m, 2h, 1d or PT1H, found '10x'",
            "--watch --interval 10ms         | --interval: at least 100ms, got 10ms",
            "--watch --timeout 0s            | --timeout: must be more than 0",
            "--scope /                       | --scope: remediations can't be made at the tenant root",
            "--scope subscriptions/s1        | --scope: expected an id starting with '/'",
            "--scope /subscriptions/s1/x     | --scope: not a scope: ",
            "--scope /subscriptions/s1 --subscription s1 | give one of --scope, --management-group and --subscription",
            "--resource-group rg1            | --resource-group needs --subscription",
            "-m a/b                          | --management-group: expected a name without '/', got 'a/b'"})
    void createValidatesLocally(String options, String message) {
        List<String> a = new ArrayList<>(List.of("create", "storageRemediation", "--assignment", ASSIGNMENT));
        a.addAll(splitArgs(options));
        Cli.Result r = run(a.toArray(String[]::new)).isUsageError();
        assertThat(r.err()).contains(message);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(stub.requests()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "create x --assignment /subscriptions/s1/resourceGroups/rg1 | --assignment: expected a policy assignment id",
            "create x --assignment tags                                | --assignment tags is a name: give --scope",
            "create x? --assignment tags --subscription s1             | NAME: a remediation name can't contain '?'",
            "show /subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/a | NAME: expected a remediation's name, or its id",
            "show /subscriptions/s1/providers/Microsoft.PolicyInsights/remediations/r --subscription s2 | give one or the other",
            "show r                                                    | where is remediation 'r'? give --scope",
            "watch r --subscription s1 --show -1                       | --show: expected 0 (all) or more, got -1",
            "list                                                      | list needs a scope",
            "cancel                                                    | Missing required parameter: 'NAME'",
            "create x                                                  | Missing required option: '--assignment=ID'",
            "frobnicate                                                | Unmatched arguments from index 1: 'frobnicate'"})
    void otherUsageErrors(String command, String message) {
        Cli.Result r = run(splitArgs(command).toArray(String[]::new)).isUsageError();
        assertThat(r.err()).contains(message);
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void noServer_andNoToken() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        assertThat(Cli.run("remediate", "show", REMEDIATION, "--server", "http://127.0.0.1:" + closed, "--token", "t").isUsageError().err())
                .contains("connection refused");
        assertThat(Cli.run("remediate", "show", REMEDIATION, "--server", "ftp://x", "--token", "t").isUsageError().err()).contains("--server");
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"create", "watch", "show", "deployments", "list", "cancel"})
    void help_isClean(String command) {
        java.io.PrintStream before = System.err;
        java.io.ByteArrayOutputStream picocli = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(picocli, true, StandardCharsets.UTF_8));
        Cli.Result r;
        try {
            r = Cli.run("remediate", command, "--help");
        } finally {
            System.setErr(before);
        }
        assertThat(r.exit()).isEqualTo(ExitCode.OK);
        assertThat(r.out()).startsWith("Usage: rampart remediate " + command).contains("Exit codes:").contains("--server");
        assertThat(picocli.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void remediateAlone_printsItsUsage() {
        Cli.Result r = Cli.run("remediate");
        assertThat(r.exit()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).contains("create").contains("watch").contains("deployments").contains("cancel");
    }

    /** Splits on spaces, keeping 'quoted words' together. */
    private static List<String> splitArgs(String s) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("'([^']*)'|(\\S+)").matcher(s.strip());
        while (m.find()) {
            out.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return out;
    }
}
