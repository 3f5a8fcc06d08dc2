package io.rampart.cli;

import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Severity;
import io.rampart.threat.automation.AutomationEngine;
import io.rampart.threat.automation.AutomationReader;
import io.rampart.threat.detect.AlertSink;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.format.DetectionReports;
import io.rampart.threat.io.JsonLinesSink;
import io.rampart.threat.io.LogFileReader;
import io.rampart.threat.io.LogFiles;
import io.rampart.threat.io.RuleFiles;
import io.rampart.threat.io.SyslogCefSink;
import io.rampart.threat.io.WebhookSink;
import io.rampart.threat.sigma.RuleCompiler;
import io.rampart.threat.sigma.RuleProblem;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.RuleSource;
import io.rampart.threat.sigma.ShippedRules;
import io.rampart.threat.source.SourceRecord;
import io.rampart.threat.source.TimeOrder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rampart detect}: Sigma rules over cloud activity logs; security alerts and incidents. */
@Command(name = "detect",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {"Run Sigma detection rules over cloud activity logs (Azure activity log, Entra ID sign-in and audit logs, "
                + "Entra ID Protection risk detections, AWS CloudTrail, GCP audit logs): security alerts in Defender for Cloud's shape, "
                + "correlated into kill-chain incidents.",
                "LOGS are files (JSON array, {\"Records\"|\"records\"|\"value\": [...]}, JSON lines; gzip detected) or folders searched "
                        + "for *.json, *.jsonl, *.ndjson, *.log (and .gz). Malformed lines are reported with file and line and skipped.",
                "Without --rules, the shipped SigmaHQ cloud rules run (Detection Rule License 1.1).",
                "Exit code 0 when no alert reaches --fail-on, 1 when one does, 2 for bad usage or unreadable input "
                        + "(missing file, no rule compiles, invalid automation file), 3 internal error."},
        sortOptions = false)
final class DetectCommand implements Callable<Integer> {

    enum ReportFormat {
        text, json, ocsf, sarif
    }

    enum FailOnOption {
        informational, low, medium, high, none
    }

    @ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "LOGS", description = "Log files or folders.")
    List<Path> logs;

    @Option(names = "--rules", paramLabel = "DIR", description = "Sigma rules (a folder searched for *.yml/*.yaml, or a file) to run "
            + "instead of the shipped set (repeatable).")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--with-shipped-rules", description = "With --rules: run the shipped rules too.")
    boolean withShipped;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE",
            description = "A value for the |expand placeholder %%NAME%% in rules (repeatable).")
    java.util.Map<String, String> placeholders = new java.util.LinkedHashMap<>();

    @Option(names = {"-f", "--format"}, defaultValue = "text", paramLabel = "FORMAT",
            description = "Report format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). json: summary, alerts and incidents "
                    + "in Defender for Cloud's shape; ocsf: OCSF Detection Findings; sarif: SARIF 2.1.0.")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE; stdout then gets the text summary.")
    Path output;

    @Option(names = "--fail-on", defaultValue = "low", paramLabel = "SEVERITY",
            description = "Lowest alert severity that makes the exit code 1: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOnOption failOn;

    @Option(names = "--dedup-window", defaultValue = "1h", paramLabel = "DURATION",
            description = "Fold repeats of an alert on the same entity within this window (default: ${DEFAULT-VALUE}; 30s, 15m, 2h, 1d or ISO-8601 PT1H).")
    String dedupWindow;

    @Option(names = "--incident-window", defaultValue = "24h", paramLabel = "DURATION",
            description = "Alerts sharing an entity at most this far apart form an incident (default: ${DEFAULT-VALUE}).")
    String incidentWindow;

    @Option(names = "--automation", paramLabel = "FILE",
            description = "Workflow automations (Defender's Microsoft.Security/automations shape): conditions on alert fields → "
                    + "LogicApp/Webhook call, Suppress, SetStatus.")
    Path automation;

    @Option(names = "--export-jsonl", paramLabel = "FILE", description = "Continuous export: append each new alert to FILE as a JSON line.")
    Path exportJsonl;

    @Option(names = "--webhook", paramLabel = "URL", description = "Continuous export: POST each new alert (JSON) to URL.")
    URI webhook;

    @Option(names = "--syslog", paramLabel = "[udp|tcp://]HOST:PORT", description = "Continuous export: send each new alert as CEF over syslog (RFC 5424; UDP unless tcp://).")
    String syslog;

    @Option(names = "--now", paramLabel = "ISO8601", description = "The time alerts are generated at (default: now).")
    String now;

    /** --order values. */
    enum Order {
        time, file
    }

    @Option(names = "--order", defaultValue = "time", paramLabel = "ORDER",
            description = "time: read every file, then detect in event-time order across files (default; holds the events in memory); "
                    + "file: detect as read, file by file (for logs larger than memory; correlations then assume each file is in order).")
    Order order;

    @Override
    public Integer call() {
        Io io = main.io();
        Duration dedup = Durations.parse(dedupWindow, "--dedup-window");
        Duration incident = Durations.parse(incidentWindow, "--incident-window");
        for (Path p : logs) {
            if (!Files.exists(p)) {
                throw new CliException(p + ": no such file or folder");
            }
        }
        for (Path r : rules) {
            if (!Files.exists(r)) {
                throw new CliException("--rules " + r + ": no such file or folder");
            }
        }
        List<Path> files = LogFiles.collect(logs);
        for (Path f : files) {
            Inputs.requireReadableFile(f, "log file");
        }
        if (files.isEmpty()) {
            io.err().println("rampart: no log files found in " + String.join(", ", logs.stream().map(Path::toString).toList()));
        }
        RuleSet set = rules();
        for (RuleProblem p : set.problems()) {
            io.err().println("rampart: warning: rule not compiled: " + p.describe());
        }
        if (set.compiled() == 0) {
            throw new CliException("no rule compiled" + (set.total() == 0 ? ": no *.yml rule files in " + rules : ""));
        }
        AutomationEngine automations = automations();
        Clock clock = now == null ? Clock.systemUTC() : Clock.fixed(EvalCommand.parseInstant(now), ZoneOffset.UTC);
        List<AlertSink> sinks = sinks();
        DetectionSession session = new DetectionSession(new DetectionEngine(set),
                DetectionOptions.defaults().withWindows(dedup, incident).withAutomation(automations), clock, sinks);
        ProgressLine progress = new ProgressLine(io, files.size(), 1);
        List<LogFileReader> readers = files.stream().map(f -> new LogFileReader(f, f.toString())).toList();
        int[] i = {0};
        if (order == Order.time) {
            for (SourceRecord r : TimeOrder.read(readers, s -> progress.step("reading", ++i[0], files.size(), s.name()))) {
                session.accept(r);
            }
        } else {
            for (LogFileReader reader : readers) {
                progress.step("reading", ++i[0], files.size(), reader.name());
                session.drain(reader);
            }
        }
        progress.done();
        DetectionResult result = session.finish();
        for (AlertSink s : sinks) {
            s.close();
        }
        for (SourceRecord.Malformed m : result.malformed()) {
            io.err().println("rampart: warning: malformed record at " + m.origin() + ": " + m.message());
        }
        for (String s : result.sinkProblems()) {
            io.err().println("rampart: warning: export: " + s);
        }
        io.err().flush();
        String version = Main.Version.version();
        String rendered = switch (format) {
            case text -> DetectionReports.text(result, io.unicode());
            case json -> DetectionReports.json(result);
            case ocsf -> DetectionReports.ocsf(result, version);
            case sarif -> DetectionReports.sarif(result, version);
        };
        if (output == null) {
            io.out().print(rendered);
        } else {
            OutputFiles.write(output, rendered);
            io.out().print(DetectionReports.text(result, io.unicode()));
            io.out().println("report: " + output + " (" + format + ")");
        }
        io.out().flush();
        return failing(result) ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private boolean failing(DetectionResult r) {
        if (failOn == FailOnOption.none) {
            return false;
        }
        Severity threshold = Severity.parse(failOn.name());
        for (SecurityAlert a : r.alerts()) {
            if (a.severity().compareTo(threshold) >= 0 && a.status() != SecurityAlert.Status.DISMISSED
                    && a.status() != SecurityAlert.Status.RESOLVED) {
                return true;
            }
        }
        return false;
    }

    private RuleSet rules() {
        RuleCompiler compiler = new RuleCompiler(placeholders);
        if (rules.isEmpty()) {
            return RuleSet.compile(ShippedRules.sources(), compiler);
        }
        List<RuleSource> sources = new ArrayList<>();
        if (withShipped) {
            sources.addAll(ShippedRules.sources());
        }
        for (Path r : rules) {
            try {
                sources.addAll(RuleFiles.read(r));
            } catch (java.io.UncheckedIOException e) {
                throw new CliException("--rules " + r + ": cannot be read: " + e.getCause().getMessage());
            }
        }
        return RuleSet.compile(sources, compiler);
    }

    private AutomationEngine automations() {
        if (automation == null) {
            return new AutomationEngine(List.of());
        }
        Inputs.requireReadableFile(automation, "automation file");
        com.fasterxml.jackson.databind.JsonNode node;
        try {
            node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(automation, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliException(automation + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        AutomationReader.Read read = AutomationReader.read(node);
        if (!read.problems().isEmpty()) {
            throw new CliException(read.problems().stream().map(p -> automation + ": " + p).toList());
        }
        return new AutomationEngine(read.rules());
    }

    private List<AlertSink> sinks() {
        List<AlertSink> out = new ArrayList<>();
        if (exportJsonl != null) {
            out.add(new JsonLinesSink(exportJsonl));
        }
        if (webhook != null || automation != null) {
            if (webhook != null && (webhook.getScheme() == null || !webhook.getScheme().matches("https?"))) {
                throw new CliException("--webhook: an http(s) URL is required, found '" + webhook + "'");
            }
            out.add(new WebhookSink(webhook));
        }
        if (syslog != null) {
            String s = syslog;
            SyslogCefSink.Transport t = SyslogCefSink.Transport.UDP;
            if (s.startsWith("tcp://")) {
                t = SyslogCefSink.Transport.TCP;
                s = s.substring(6);
            } else if (s.startsWith("udp://")) {
                s = s.substring(6);
            }
            int colon = s.lastIndexOf(':');
            int port;
            try {
                port = colon < 0 ? 514 : Integer.parseInt(s.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new CliException("--syslog: expected [udp|tcp://]HOST:PORT, found '" + syslog + "'");
            }
            String host = colon < 0 ? s : s.substring(0, colon);
            if (host.isBlank() || port <= 0 || port > 65535) {
                throw new CliException("--syslog: expected [udp|tcp://]HOST:PORT, found '" + syslog + "'");
            }
            out.add(new SyslogCefSink(host, port, t, Main.Version.version(), "rampart"));
        }
        return out;
    }
}
