package io.rampart.threat.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import io.rampart.threat.Detect;
import io.rampart.threat.automation.AutomationEngine;
import io.rampart.threat.automation.AutomationReader;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.Origin;
import io.rampart.threat.format.AlertJson;
import io.rampart.threat.format.Cef;
import io.rampart.threat.format.Ocsf;
import io.rampart.threat.io.JsonLinesSink;
import io.rampart.threat.io.SyslogCefSink;
import io.rampart.threat.io.WebhookSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Alert shapes (Defender, OCSF, CEF), deduplication, workflow automations and continuous export. */
class AlertsExportAndAutomationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode stopLogging(String time, String user, String trail) {
        ObjectNode e = JSON.createObjectNode();
        e.put("eventVersion", "1.09").put("eventTime", time).put("eventSource", "cloudtrail.amazonaws.com").put("eventName", "StopLogging")
                .put("awsRegion", "us-east-1").put("sourceIPAddress", "198.51.100.7").put("recipientAccountId", "111122223333");
        e.putObject("userIdentity").put("type", "IAMUser").put("arn", "arn:aws:iam::111122223333:user/" + user).put("userName", user);
        e.putObject("requestParameters").put("name", trail);
        return e;
    }

    private static DetectionSession session(DetectionOptions options, List<AlertSink> sinks) {
        return new DetectionSession(Detect.shipped(), options, Clock.fixed(Detect.NOW, ZoneOffset.UTC), sinks);
    }

    @Test
    void repeatsOnTheSameEntityWithinTheWindowFoldIntoOneAlert() {
        DetectionSession s = session(DetectionOptions.defaults().withWindows(Duration.ofHours(1), Duration.ofHours(24)), List.of());
        int line = 0;
        for (String t : List.of("2024-01-01T10:00:00Z", "2024-01-01T10:20:00Z", "2024-01-01T11:10:00Z", "2024-01-01T13:00:00Z")) {
            s.accept(EventClassifier.event(stopLogging(t, "alice", "main"), new Origin("t.json", ++line)));
        }
        DetectionResult r = s.finish();
        assertThat(r.alerts()).hasSize(2);
        SecurityAlert first = r.alerts().get(0);
        assertThat(first.count()).isEqualTo(3);
        assertThat(first.startTime()).hasToString("2024-01-01T10:00:00Z");
        assertThat(first.endTime()).hasToString("2024-01-01T11:10:00Z");
        assertThat(first.evidence()).extracting(Origin::line).containsExactly(1L, 2L, 3L);
        assertThat(first.extendedProperties()).containsEntry("eventCount", "3");
        assertThat(r.alerts().get(1).count()).isEqualTo(1);
    }

    @Test
    void anIdentityRuleNamesTheIdentityAndFoldsItsRepeatsOnManyResources() {
        DetectionSession s = session(DetectionOptions.defaults(), List.of());
        for (int i = 1; i <= 3; i++) {
            ObjectNode e = JSON.createObjectNode();
            e.put("eventVersion", "1.09").put("eventTime", "2024-01-01T10:0" + i + ":00Z").put("eventSource", "ec2.amazonaws.com")
                    .put("eventName", "GetPasswordData").put("awsRegion", "us-east-1").put("recipientAccountId", "111122223333")
                    .put("sourceIPAddress", "198.51.100.9");
            ObjectNode id = e.putObject("userIdentity").put("type", "AssumedRole")
                    .put("arn", "arn:aws:sts::111122223333:assumed-role/app-role/session-1");
            id.putObject("sessionContext").putObject("sessionIssuer").put("type", "Role");
            e.putObject("requestParameters").put("instanceId", "i-000" + i);
            s.accept(EventClassifier.event(e, new Origin("t.json", i)));
        }
        // "AWS STS AssumeRole Misuse" tests userIdentity.*: the session is the compromised entity,
        // and three calls on three instances are one alert.
        List<SecurityAlert> misuse = s.finish().alerts().stream()
                .filter(a -> a.rule().id().equals("905d389b-b853-46d0-9d3d-dea0d3a3cd49")).toList();
        assertThat(misuse).singleElement().satisfies(a -> {
            assertThat(a.compromisedEntity().value()).isEqualTo("arn:aws:sts::111122223333:assumed-role/app-role/session-1");
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.entities()).filteredOn(x -> x.kind() == Entity.Kind.AWS_RESOURCE).hasSize(3);
        });
    }

    @Test
    void theAlertHasDefendersShapeAndCreditsTheRule() {
        DetectionSession s = session(DetectionOptions.defaults(), List.of());
        s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "alice", "main"), new Origin("t.json", 1)));
        SecurityAlert a = s.finish().alerts().get(0);
        JsonNode p = AlertJson.alert(a).get("properties");
        assertThat(AlertJson.alert(a).get("type").asText()).isEqualTo("Microsoft.Security/Locations/alerts");
        for (String f : List.of("alertType", "systemAlertId", "alertDisplayName", "description", "severity", "intent", "startTimeUtc",
                "endTimeUtc", "status", "compromisedEntity", "entities", "extendedProperties", "remediationSteps", "productName", "vendorName",
                "techniques", "subTechniques", "timeGeneratedUtc", "isIncident", "correlationKey", "resourceIdentifiers")) {
            assertThat(p.has(f)).as(f).isTrue();
        }
        assertThat(p.get("severity").asText()).isEqualTo("Medium");
        assertThat(p.get("intent").asText()).isEqualTo("DefenseEvasion");
        assertThat(p.get("status").asText()).isEqualTo("Active");
        assertThat(p.get("subTechniques").get(0).asText()).isEqualTo("T1685.002");
        assertThat(p.get("entities")).anySatisfy(e -> assertThat(e.get("Type").asText()).isEqualTo("ip"));
        assertThat(p.at("/extendedProperties/sigmaRuleId").asText()).isEqualTo("4db60cc0-36fb-42b7-9b58-a5b53019fb74");
        assertThat(p.at("/extendedProperties/sigmaRuleAuthor").asText()).isEqualTo("vitaliy0x1");
        assertThat(p.at("/extendedProperties/sigmaRuleLicense").asText()).isEqualTo("DRL-1.1");
        assertThat(p.at("/rule/title").asText()).isEqualTo("AWS CloudTrail Important Change");

        ObjectNode f = Ocsf.finding(a, "0.1.0");
        assertThat(f.get("class_uid").asInt()).isEqualTo(2004);
        assertThat(f.get("type_uid").asInt()).isEqualTo(200401);
        assertThat(f.get("severity_id").asInt()).isEqualTo(3);
        assertThat(f.at("/finding_info/analytic/uid").asText()).isEqualTo(a.rule().id());
        assertThat(f.at("/finding_info/attacks/0/tactic/name").asText()).isEqualTo("Defense Impairment");
        assertThat(f.at("/finding_info/attacks/0/sub_technique/uid").asText()).isEqualTo("T1685.002");
        assertThat(f.at("/metadata/version").asText()).isEqualTo("1.3.0");

        String cef = Cef.line(a, "0.1.0");
        assertThat(cef).startsWith("CEF:0|Rampart|Rampart|0.1.0|SIGMA_4db60cc0-36fb-42b7-9b58-a5b53019fb74|AWS CloudTrail Important Change|5|");
        assertThat(cef).contains("src=198.51.100.7").contains("suser=arn:aws:iam::111122223333:user/alice");
    }

    @Test
    void cefEscapesHeaderAndExtensionCharacters() {
        assertThat(io.rampart.threat.format.CefAccess.header("a|b\\c")).isEqualTo("a\\|b\\\\c");
        assertThat(io.rampart.threat.format.CefAccess.value("x=y\nz\\")).isEqualTo("x\\=y\\nz\\\\");
    }

    @Test
    void automationsSuppressChangeStatusAndCallWebhooks() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(202, -1);
            ex.close();
        });
        server.start();
        try {
            String uri = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            JsonNode automations = JSON.readTree("""
                    [{"name": "ignore-ci", "properties": {"isEnabled": true,
                       "sources": [{"eventSource": "Alerts", "ruleSets": [{"rules": [
                         {"propertyJPath": "Entities[*].Name", "propertyType": "String", "expectedValue": "ci-bot", "operator": "Equals"}]}]}],
                       "actions": [{"actionType": "Suppress", "reason": "CI rotates its trails"}]}},
                     {"name": "page-on-medium", "properties": {"isEnabled": true,
                       "sources": [{"eventSource": "Alerts", "ruleSets": [{"rules": [
                         {"propertyJPath": "Severity", "propertyType": "String", "expectedValue": "Medium", "operator": "GreaterThanOrEqualTo"}]}]}],
                       "actions": [{"actionType": "LogicApp", "uri": "%s"}, {"actionType": "SetStatus", "status": "InProgress"}]}}]
                    """.formatted(uri));
            AutomationReader.Read read = AutomationReader.read(automations);
            assertThat(read.problems()).isEmpty();
            WebhookSink webhook = new WebhookSink(null);
            DetectionSession s = session(DetectionOptions.defaults().withAutomation(new AutomationEngine(read.rules())), List.of(webhook));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "ci-bot", "main"), new Origin("t.json", 1)));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "eve", "main"), new Origin("t.json", 2)));
            DetectionResult r = s.finish();
            assertThat(r.suppressed()).singleElement().asString().contains("ignore-ci: CI rotates its trails");
            assertThat(r.alerts()).singleElement().satisfies(a -> assertThat(a.status()).isEqualTo(SecurityAlert.Status.IN_PROGRESS));
            assertThat(bodies).singleElement().satisfies(b -> assertThat(JSON.readTree(b).at("/properties/alertType").asText())
                    .isEqualTo("SIGMA_4db60cc0-36fb-42b7-9b58-a5b53019fb74"));
            assertThat(webhook.problems()).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void badAutomationsAreReportedWithTheirJsonPath() throws Exception {
        AutomationReader.Read r = AutomationReader.read(JSON.readTree("""
                [{"properties": {"sources": [{"ruleSets": [{"rules": [{"propertyJPath": "Severity", "operator": "Like"}]}]}],
                  "actions": [{"actionType": "EventHub"}]}}]"""));
        assertThat(r.rules()).isEmpty();
        assertThat(r.problems()).containsExactly(
                "$[0].properties.sources[0].ruleSets[0].rules[0].operator: expected one of Equals, NotEquals, GreaterThan, "
                        + "GreaterThanOrEqualTo, LesserThan, LesserThanOrEqualTo, Contains, StartsWith, EndsWith; found \"Like\"",
                "$[0].properties.actions[0].actionType: expected LogicApp, Webhook, Suppress or SetStatus, found \"EventHub\"");
    }

    @Test
    void continuousExportToJsonLinesAndSyslog() throws Exception {
        Path out = dir.resolve("export/alerts.jsonl");
        try (DatagramSocket listener = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(5000);
            JsonLinesSink jsonl = new JsonLinesSink(out);
            SyslogCefSink syslog = new SyslogCefSink("127.0.0.1", listener.getLocalPort(), SyslogCefSink.Transport.UDP, "0.1.0", "rampart-test");
            DetectionSession s = session(DetectionOptions.defaults(), List.of(jsonl, syslog));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "alice", "a"), new Origin("t.json", 1)));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:01:00Z", "alice", "a"), new Origin("t.json", 2)));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:02:00Z", "alice", "b"), new Origin("t.json", 3)));
            DetectionResult r = s.finish();
            jsonl.close();
            syslog.close();
            assertThat(r.sinkProblems()).isEmpty();
            List<String> lines = Files.readAllLines(out);
            assertThat(lines).hasSize(2);
            assertThat(JSON.readTree(lines.get(0)).at("/properties/alertDisplayName").asText()).isEqualTo("AWS CloudTrail Important Change");
            DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
            listener.receive(p);
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            assertThat(msg).startsWith("<84>1 2026-01-01T00:00:00Z rampart-test rampart - alert - CEF:0|Rampart|Rampart|0.1.0|");
        }
    }

    @Test
    void anUnreachableWebhookIsReportedOnceAndDetectionGoesOn() {
        WebhookSink sink = new WebhookSink(java.net.URI.create("http://127.0.0.1:9/nothing-listens-here"));
        DetectionSession s = session(DetectionOptions.defaults(), List.of(sink));
        assertThatCode(() -> {
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "alice", "a"), new Origin("t.json", 1)));
            s.accept(EventClassifier.event(stopLogging("2024-01-01T10:00:00Z", "bob", "b"), new Origin("t.json", 2)));
        }).doesNotThrowAnyException();
        DetectionResult r = s.finish();
        assertThat(r.alerts()).hasSize(2);
        assertThat(r.sinkProblems()).singleElement().asString().startsWith("webhook http://127.0.0.1:9/nothing-listens-here: ");
    }
}
