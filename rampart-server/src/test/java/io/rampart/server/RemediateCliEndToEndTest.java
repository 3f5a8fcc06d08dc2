package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.rampart.server.RemediationEndToEndTest.compliancePercent;
import static io.rampart.server.RemediationEndToEndTest.enc;
import static io.rampart.server.RemediationEndToEndTest.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real {@code rampart remediate} (rampart-cli's entry point, in this JVM) against the real
 * server over HTTPS, trusting its certificate with {@code --ca-cert}: a Modify assignment (the
 * built-in "Add a tag to resources") with a system-assigned identity that holds Contributor, 50
 * non-compliant storage accounts; create --watch in JSON and in text, show, deployments (pages of
 * five: every nextLink followed), list with and without $filter, cancel of a finished task, and
 * the refusals (unknown assignment, bad token, unknown remediation) as one line with exit 2.
 * The CLI was written to Azure's documented API against a stub; this proves it against Rampart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemediateCliEndToEndTest extends ServerTestBase {

    static final String ADD_TAG = RemediationEndToEndTest.ADD_TAG;
    static final int FLEET = 50;

    /** What one command line did: exit code, stdout, stderr. */
    record Run(int exit, String out, String err) {

        JsonNode json() {
            try {
                return JSON.readTree(out);
            } catch (java.io.IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** A refusal: exit 2, nothing on stdout, one "rampart: ..." line on stderr, no stack trace. */
        String refused() {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(2);
            assertThat(out).isEmpty();
            assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(err.strip().split("\n")).hasSize(1);
            assertThat(err).startsWith("rampart: ");
            return err.strip();
        }
    }

    private Path caCert;
    private String sub;
    private String rg;
    private String assignment;
    private List<String> fleet;

    @BeforeAll
    void estate() throws Exception {
        caCert = exportCertificate();
        sub = newSubscription();
        rg = resourceGroup(sub, "rg-cli");
        fleet = deployStorageAccounts(rg, "cli", FLEET);
        assignment = "/subscriptions/" + sub + "/providers/Microsoft.Authorization/policyAssignments/add-cost-center";
        String principal = assign("/subscriptions/" + sub, "add-cost-center", "{\"tagName\":{\"value\":\"costCenter\"},\"tagValue\":{\"value\":\"cc-42\"}}");
        grant(principal, CONTRIBUTOR, "/subscriptions/" + sub);
        waitFor(() -> summarize("/subscriptions/" + sub), s -> s.path("value").path(0).path("results").path("nonCompliantResources").asInt() == FLEET,
                Duration.ofMinutes(3), "the scan of the assignment");
    }

    // ---- create --watch, JSON -----------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void createWatchJson_remediatesEveryResource_andReportsEachDeployment() {
        assertThat(compliancePercent(summarize("/subscriptions/" + sub))).isEqualTo(0.0);
        Run r = cli("remediate", "create", "fix-tags", "--assignment", assignment, "--watch", "--interval", "200ms", "--format", "json");
        assertThat(r.exit()).as("stderr: %s", r.err()).isZero();
        JsonNode report = r.json();
        JsonNode task = report.path("remediation");
        assertThat(task.path("id").asText()).isEqualTo("/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/fix-tags");
        assertThat(task.path("properties").path("provisioningState").asText()).isEqualTo("Succeeded");
        assertThat(task.path("properties").path("policyAssignmentId").asText()).isEqualToIgnoringCase(assignment);
        assertThat(task.path("properties").path("deploymentStatus").toString())
                .isEqualTo("{\"totalDeployments\":50,\"successfulDeployments\":50,\"failedDeployments\":0}");
        JsonNode deployments = report.path("deployments");
        assertThat(deployments).as("every page of listDeployments (the server's pages hold 5)").hasSize(FLEET);
        Set<String> remediated = new HashSet<>();
        for (JsonNode d : deployments) {
            assertThat(d.path("status").asText()).as(d.toString()).isEqualTo("Succeeded");
            assertThat(d.path("outcome").asText()).isEqualTo("Modified");
            assertThat(d.path("complianceStateAfter").asText()).isEqualTo("Compliant");
            assertThat(d.path("resourceLocation").asText()).isIn("eastus", "westeurope");
            remediated.add(d.path("remediatedResourceId").asText().toLowerCase());
        }
        assertThat(remediated).containsExactlyInAnyOrderElementsOf(fleet.stream().map(String::toLowerCase).toList());
        assertThat(report.path("result").toString()).isEqualTo("{\"provisioningState\":\"Succeeded\",\"terminal\":true,\"timedOut\":false,"
                + "\"succeeded\":true,\"reason\":\"50 deployments succeeded\",\"exitCode\":0}");
        assertThat(report.has("deploymentsError")).isFalse();
        // progress on stderr, one line per change (not a terminal), never a warning
        assertThat(r.err()).startsWith("rampart: watching fix-tags every 200ms")
                .contains("rampart: fix-tags: Succeeded, 50 of 50 deployments done (50 succeeded, 0 failed)")
                .doesNotContain("warning");

        JsonNode after = summarize("/subscriptions/" + sub);
        assertThat(after.path("value").path(0).path("results").path("nonCompliantResources").asInt()).isZero();
        assertThat(compliancePercent(after)).isEqualTo(100.0);
        JsonNode account = admin("GET", fleet.get(7) + "?api-version=2023-01-01", null).body();
        assertThat(account.path("tags").path("costCenter").asText()).isEqualTo("cc-42");
    }

    // ---- show, deployments, list, cancel ------------------------------------------------------------------------------

    @Test
    @Order(2)
    void show_printsTheServersRemediation_asJsonAndText() {
        JsonNode served = admin("GET", "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/fix-tags?api-version=2021-10-01", null).body();
        Run json = cli("remediate", "show", "fix-tags", "--subscription", sub, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.json()).isEqualTo(served);

        Run text = cli("remediate", "show", "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/fix-tags");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out()).startsWith("Remediation fix-tags: Succeeded\n")
                .contains("  assignment    " + served.path("properties").path("policyAssignmentId").asText() + "\n")
                .contains("  discovery     ExistingNonCompliant\n")
                .contains("  deployments   50 total: 50 succeeded, 0 failed\n")
                .contains("  limits        10 in parallel, at most 500 resources, fails when more than 100% of deployments fail\n");
        assertThat(text.err()).isEmpty();
    }

    @Test
    @Order(3)
    void deployments_readsEveryPage_andFiltersByStatus() {
        Run json = cli("remediate", "deployments", "fix-tags", "--subscription", sub, "--format", "json");
        assertThat(json.exit()).as(json.err()).isZero();
        JsonNode value = json.json().path("value");
        assertThat(value).hasSize(FLEET);
        Set<String> ids = new HashSet<>();
        value.forEach(d -> ids.add(d.path("remediatedResourceId").asText().toLowerCase()));
        assertThat(ids).as("no page read twice, none skipped").hasSize(FLEET);

        Run text = cli("remediate", "deployments", "fix-tags", "--subscription", sub, "--show", "3");
        assertThat(text.exit()).as(text.err()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).matches("  STATUS     OUTCOME   COMPLIANCE  LOCATION +RESOURCE");
        assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l).matches("  Succeeded  Modified  Compliant   (eastus|westeurope) +"
                + "/subscriptions/" + sub + "/resourceGroups/rg-cli/providers/Microsoft\\.Storage/storageAccounts/cli00\\d\\d"));
        assertThat(lines.subList(4, lines.size())).containsExactly(
                "  ... and 47 more (--show 0 lists all, --format json gives everything)", "50 deployments: 50 Succeeded");

        Run failed = cli("remediate", "deployments", "fix-tags", "--subscription", sub, "--status", "Failed");
        assertThat(failed.exit()).as(failed.err()).isZero();
        assertThat(failed.out()).isEqualTo("no deployments\n");
    }

    @Test
    @Order(4)
    void list_readsEveryPage_andFiltersByAssignment() {
        // seven more remediations of another assignment (nothing in their location: they end at once), so the list has two pages of five
        String other = assign("/subscriptions/" + sub, "add-owner", "{\"tagName\":{\"value\":\"owner\"},\"tagValue\":{\"value\":\"team-a\"}}");
        grant(other, CONTRIBUTOR, "/subscriptions/" + sub);
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String name = "owner-nowhere-" + i;
            Run created = cli("remediate", "create", name, "--assignment", "add-owner", "--subscription", sub, "--location", "nowhere", "--format", "json");
            assertThat(created.exit()).as(created.err()).isZero();
            assertThat(created.json().path("properties").path("provisioningState").asText()).isEqualTo("Accepted");
            names.add(name);
        }
        for (String name : names) {
            Run watched = cli("remediate", "watch", name, "--subscription", sub, "--interval", "100ms", "--quiet");
            assertThat(watched.exit()).as(watched.out() + watched.err()).isZero();
            assertThat(watched.out()).contains("nothing needed remediation");
        }

        Run all = cli("remediate", "list", "--subscription", sub, "--format", "json");
        assertThat(all.exit()).as(all.err()).isZero();
        List<String> listed = new ArrayList<>();
        all.json().path("value").forEach(t -> listed.add(t.path("name").asText()));
        List<String> expected = new ArrayList<>(names);
        expected.add("fix-tags");
        assertThat(listed).containsExactlyInAnyOrderElementsOf(expected);

        Run mine = cli("remediate", "list", "--subscription", sub, "--assignment", assignment, "--format", "json");
        assertThat(mine.exit()).as(mine.err()).isZero();
        assertThat(mine.json().path("value")).extracting(t -> t.path("name").asText()).containsExactly("fix-tags");

        Run text = cli("remediate", "list", "--subscription", sub, "--assignment", "add-owner");
        assertThat(text.exit()).as(text.err()).isZero();
        assertThat(text.out().lines().toList()).hasSize(1 + 7 + 1).last().isEqualTo("7 remediations");
        assertThat(text.out()).doesNotContain("fix-tags");
    }

    @Test
    @Order(5)
    void cancel_ofAFinishedRemediation_isTheServersRefusal() {
        String line = cli("remediate", "cancel", "fix-tags", "--subscription", sub).refused();
        assertThat(line).startsWith("rampart: the control plane refused the request: 400 InvalidCancelRemediationRequest: ")
                .containsIgnoringCase("A completed remediation cannot be cancelled");
    }

    // ---- create --watch, text: a second fleet at a resource group, by names -----------------------------------------

    @Test
    @Order(6)
    void createWatchText_atAResourceGroup_byNames() {
        String rg2 = resourceGroup(sub, "rg-cli-text");
        List<String> ids = deployStorageAccounts(rg2, "txt", 12);
        String principal = assign(rg2, "add-env", "{\"tagName\":{\"value\":\"dataClass\"},\"tagValue\":{\"value\":\"internal\"}}");
        grant(principal, CONTRIBUTOR, rg2);
        Run r = cli("remediate", "create", "fix-env", "--subscription", sub, "-g", "rg-cli-text", "--assignment", "add-env",
                "--discovery", "ReEvaluateCompliance", "--parallel", "3", "--watch", "--interval", "200ms", "--show", "0");
        assertThat(r.exit()).as("stdout: %s%nstderr: %s", r.out(), r.err()).isZero();
        String id = rg2 + "/providers/Microsoft.PolicyInsights/remediations/fix-env";
        assertThat(r.out()).startsWith("Remediation fix-env: Succeeded\n  id            " + id + "\n")
                .contains("  discovery     ReEvaluateCompliance\n")
                .contains("  deployments   12 total: 12 succeeded, 0 failed\n")
                .contains("  limits        3 in parallel, at most 500 resources, fails when more than 100% of deployments fail\n")
                .contains("\n12 deployments: 12 Succeeded\n")
                .endsWith("\n✓ Succeeded: 12 deployments succeeded\n");
        for (String account : ids) {
            assertThat(r.out()).containsIgnoringCase(account);
        }
        assertThat(r.err()).startsWith("rampart: watching fix-env every 200ms").contains("rampart: fix-env: Succeeded, 12 of 12 deployments done");
        assertThat(admin("GET", ids.get(0) + "?api-version=2023-01-01", null).body().path("tags").path("dataClass").asText()).isEqualTo("internal");
    }

    // ---- refusals: one line, exit 2 -----------------------------------------------------------------------------------

    @Test
    @Order(7)
    void anUnknownAssignment_isTheServers400_onOneLine() {
        String line = cli("remediate", "create", "nope", "--assignment", "/subscriptions/" + sub
                + "/providers/Microsoft.Authorization/policyAssignments/no-such-assignment").refused();
        assertThat(line).startsWith("rampart: the control plane refused the request: 400 InvalidCreateRemediationRequest: "
                + "The request to create remediation 'nope' is invalid.").contains("no-such-assignment");
        assertThat(admin("GET", "/subscriptions/" + sub + "/providers/Microsoft.PolicyInsights/remediations/nope?api-version=2021-10-01", null)
                .status()).as("nothing was created").isEqualTo(404);
    }

    @Test
    @Order(8)
    void aBadToken_isThe401_onOneLine() {
        Run r = run(List.of("remediate", "show", "fix-tags", "--subscription", sub, "--server", base(), "--token", "not-a-token", "--ca-cert",
                caCert.toString()));
        assertThat(r.refused()).startsWith("rampart: the control plane refused the request: 401 ").endsWith("(check --token or RAMPART_TOKEN)");
    }

    @Test
    @Order(9)
    void anUnknownRemediation_isThe404_onOneLine() {
        assertThat(cli("remediate", "show", "never-made", "--subscription", sub).refused())
                .startsWith("rampart: the control plane refused the request: 404 RemediationNotFound: ");
        assertThat(cli("remediate", "deployments", "never-made", "--subscription", sub).refused())
                .startsWith("rampart: the control plane refused the request: 404 RemediationNotFound: ");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    /** {@code rampart ARGS --server <this server> --token <admin> --ca-cert <its certificate>}. */
    Run cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--server", base(), "--token", ADMIN_TOKEN, "--ca-cert", caCert.toString()));
        return run(all);
    }

    static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(out, err, args.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    /** The test server's self-signed certificate as PEM: what --ca-cert trusts. */
    static Path exportCertificate() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEYSTORE)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        String pem = "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(ks.getCertificate("rampart").getEncoded()) + "\n-----END CERTIFICATE-----\n";
        Path file = DIR.resolve("ca.pem");
        Files.writeString(file, pem, StandardCharsets.US_ASCII);
        return file;
    }

    String resourceGroup(String subscription, String name) {
        String id = "/subscriptions/" + subscription + "/resourceGroups/" + name;
        assertThat(admin("PUT", id + "?api-version=2021-04-01", "{\"location\":\"eastus\"}").status()).isEqualTo(201);
        return id;
    }

    /** {@code count} storage accounts (prefix0000 ...) in one template deployment, tagged env=prod, alternately in eastus and westeurope. */
    List<String> deployStorageAccounts(String group, String prefix, int count) {
        String body = """
                {"properties": {"mode": "Incremental", "template": {
                  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                  "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                    "name": "[concat('%s', padLeft(string(copyIndex()), 4, '0'))]",
                    "location": "[if(equals(mod(copyIndex(), 2), 0), 'eastus', 'westeurope')]",
                    "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "tags": {"env": "prod"},
                    "properties": {"supportsHttpsTrafficOnly": true}, "copy": {"name": "accounts", "count": %d}}]}}}
                """.formatted(prefix, count);
        Answer a = admin("PUT", group + "/providers/Microsoft.Resources/deployments/" + prefix + "-fleet?api-version=2021-04-01", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        List<String> ids = new ArrayList<>();
        a.body().path("properties").path("outputResources").forEach(x -> ids.add(x.path("id").asText()));
        assertThat(ids).hasSize(count);
        return ids;
    }

    /** Assigns "Add a tag to resources" with a system-assigned identity; returns the identity's principal id. */
    String assign(String scope, String name, String parameters) {
        String body = "{\"location\":\"eastus\",\"identity\":{\"type\":\"SystemAssigned\"},\"properties\":{\"policyDefinitionId\":\"" + ADD_TAG
                + "\",\"parameters\":" + parameters + "}}";
        Answer a = admin("PUT", scope + "/providers/Microsoft.Authorization/policyAssignments/" + name + "?api-version=2023-04-01", body);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
        return a.body().path("identity").path("principalId").asText();
    }

    void grant(String principalId, String roleGuid, String scope) {
        Answer a = admin("PUT", scope + "/providers/Microsoft.Authorization/roleAssignments/" + java.util.UUID.randomUUID() + "?api-version=2022-04-01",
                "{\"properties\":{\"roleDefinitionId\":\"/providers/Microsoft.Authorization/roleDefinitions/" + roleGuid + "\",\"principalId\":\""
                        + principalId + "\",\"principalType\":\"ServicePrincipal\"}}");
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(201);
    }

    /** The compliance summary of the add-cost-center assignment at {@code scope}. */
    JsonNode summarize(String scope) {
        Answer a = admin("POST", scope + "/providers/Microsoft.PolicyInsights/policyStates/latest/summarize?api-version=2019-10-01&$filter="
                + enc("policyAssignmentId eq '" + assignment + "'"), null);
        assertThat(a.status()).as(String.valueOf(a.body())).isEqualTo(200);
        return a.body();
    }
}
