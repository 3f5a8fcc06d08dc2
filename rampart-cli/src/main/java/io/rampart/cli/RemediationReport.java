package io.rampart.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.cli.ControlPlaneClient.Reply;
import io.rampart.cli.RemediationResult.Stop;

import java.util.ArrayList;
import java.util.List;

/**
 * The end of a watch: the task's per-resource deployments, the report (text: the task, the
 * deployments, the result; JSON: {@code remediation}, {@code deployments}, {@code result}) and
 * the exit code.
 */
final class RemediationReport {

    private RemediationReport() {
    }

    static int finish(Io io, RemediationsApi api, RemediationRef ref, RemediationWatch.Outcome outcome, RemediationWatch.Settings settings,
                      int show, OutputOptions output) {
        if (outcome.stop() == Stop.INTERRUPTED || outcome.task() == null) {
            return ExitCode.INTERRUPTED;
        }
        JsonNode task = outcome.task();
        RemediationResult result = RemediationResult.of(task, outcome.stop(), settings.timeout());
        Reply listed = api.deployments(ref);
        List<JsonNode> deployments = new ArrayList<>();
        ObjectNode json = JsonOutput.object();
        json.set("remediation", task);
        ArrayNode array = json.putArray("deployments");
        if (listed instanceof Reply.Ok ok) {
            ok.body().path("value").forEach(d -> {
                deployments.add(d);
                array.add(d);
            });
        } else {
            io.err().println("rampart: warning: could not list the remediation's deployments: " + listed.describe());
            io.err().flush();
            json.put("deploymentsError", listed.describe());
        }
        json.set("result", result.toJson());
        output.emit(io, (i, out) -> {
            RemediationText.task(i, out, task);
            if (listed instanceof Reply.Ok) {
                out.println();
                RemediationText.deployments(i, out, deployments, show);
            }
            out.println();
            RemediationText.result(i, out, result);
        }, json);
        return result.exitCode();
    }
}
