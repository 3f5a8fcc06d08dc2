package io.rampart.threat.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.alert.Entity;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Severity;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.incident.Incident;
import io.rampart.threat.sigma.RuleProblem;
import io.rampart.threat.source.SourceRecord;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The reports of a detection run: text, JSON (Defender shapes), OCSF and SARIF 2.1.0. */
public final class DetectionReports {

    private DetectionReports() {
    }

    /** Summary counts every format shares. */
    public static ObjectNode summary(DetectionResult r) {
        ObjectNode s = AlertJson.JSON.createObjectNode();
        s.put("rules", r.rules());
        s.put("rulesCompiled", r.rulesCompiled());
        s.put("rulesFailed", r.ruleProblems().size());
        s.put("events", r.events());
        s.put("malformed", r.malformed().size());
        s.put("alerts", r.alerts().size());
        s.put("incidents", r.incidents().size());
        s.put("suppressed", r.suppressed().size());
        ObjectNode sev = s.putObject("alertsBySeverity");
        for (Severity v : Severity.values()) {
            sev.put(v.display(), r.alerts().stream().filter(a -> a.severity() == v).count());
        }
        ObjectNode fam = s.putObject("eventsByLogSource");
        for (LogFamily f : LogFamily.values()) {
            Long n = r.perFamily().get(f);
            if (n != null) {
                fam.put(f.displayName(), n);
            }
        }
        return s;
    }

    public static String json(DetectionResult r) {
        ObjectNode root = AlertJson.JSON.createObjectNode();
        root.set("summary", summary(r));
        ArrayNode problems = root.putArray("ruleProblems");
        for (RuleProblem p : r.ruleProblems()) {
            problems.addObject().put("source", p.source()).put("id", p.ruleId()).put("title", p.title()).put("message", p.message());
        }
        ArrayNode malformed = root.putArray("malformed");
        for (SourceRecord.Malformed m : r.malformed()) {
            malformed.addObject().put("file", m.origin().source()).put("line", m.origin().line()).put("message", m.message());
        }
        ArrayNode suppressed = root.putArray("suppressed");
        r.suppressed().forEach(suppressed::add);
        ArrayNode alerts = root.putArray("alerts");
        r.alerts().forEach(a -> alerts.add(AlertJson.alert(a)));
        ArrayNode incidents = root.putArray("incidents");
        r.incidents().forEach(i -> incidents.add(AlertJson.incident(i)));
        return pretty(root);
    }

    /** OCSF: {@code {"summary": ..., "findings": [Detection Finding, ...]}}. */
    public static String ocsf(DetectionResult r, String version) {
        ObjectNode root = AlertJson.JSON.createObjectNode();
        root.set("summary", summary(r));
        ArrayNode findings = root.putArray("findings");
        r.alerts().forEach(a -> findings.add(Ocsf.finding(a, version)));
        return pretty(root);
    }

    /** SARIF 2.1.0: one result per alert, at the log file and line of its first event; rules from the Sigma rules. */
    public static String sarif(DetectionResult r, String version) {
        ObjectNode root = AlertJson.JSON.createObjectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Rampart");
        driver.put("version", version);
        driver.put("informationUri", "https://github.com/SigmaHQ/sigma");
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new LinkedHashMap<>();
        for (SecurityAlert a : r.alerts()) {
            if (ruleIndex.containsKey(a.rule().id())) {
                continue;
            }
            ruleIndex.put(a.rule().id(), ruleIndex.size());
            ObjectNode rule = rules.addObject();
            rule.put("id", a.rule().id());
            rule.put("name", a.alertType());
            rule.putObject("shortDescription").put("text", a.rule().title());
            rule.putObject("fullDescription").put("text", a.description());
            if (!a.rule().references().isEmpty()) {
                rule.put("helpUri", a.rule().references().get(0));
            }
            rule.putObject("help").put("text", String.join("\n", a.remediationSteps()));
            rule.putObject("defaultConfiguration").put("level", level(a.severity()));
            ObjectNode props = rule.putObject("properties");
            ArrayNode tags = props.putArray("tags");
            a.rule().tags().forEach(tags::add);
            props.put("author", a.rule().author());
            props.put("license", a.rule().license());
            props.put("source", a.rule().source());
        }
        ArrayNode results = run.putArray("results");
        for (SecurityAlert a : r.alerts()) {
            ObjectNode res = results.addObject();
            res.put("ruleId", a.rule().id());
            res.put("ruleIndex", ruleIndex.get(a.rule().id()));
            res.put("level", level(a.severity()));
            res.putObject("message").put("text", a.displayName() + (a.compromisedEntity() == null ? "" : " on " + a.compromisedEntity().name())
                    + " (" + a.count() + " event" + (a.count() == 1 ? "" : "s") + ")");
            ArrayNode locs = res.putArray("locations");
            if (!a.evidence().isEmpty()) {
                var o = a.evidence().get(0);
                ObjectNode phys = locs.addObject().putObject("physicalLocation");
                phys.putObject("artifactLocation").put("uri", o.source().replace('\\', '/'));
                if (o.line() > 0) {
                    phys.putObject("region").put("startLine", o.line());
                }
            }
            res.putObject("partialFingerprints").put("rampartAlert/v1", AlertJson.correlationKey(a));
            ObjectNode props = res.putObject("properties");
            props.put("severity", a.severity().display());
            props.put("intent", a.intent());
            props.put("systemAlertId", a.systemAlertId());
            props.put("startTimeUtc", a.startTime().toString());
            props.put("endTimeUtc", a.endTime().toString());
            ArrayNode ents = props.putArray("entities");
            a.entities().forEach(e -> ents.add(e.kind().type() + ":" + e.value()));
        }
        return pretty(root);
    }

    private static String level(Severity s) {
        return switch (s) {
            case HIGH -> "error";
            case MEDIUM -> "warning";
            default -> "note";
        };
    }

    public static String text(DetectionResult r, boolean unicode) {
        String arrow = unicode ? "→" : "->";
        StringBuilder b = new StringBuilder();
        for (SecurityAlert a : r.alerts()) {
            b.append(String.format("%-6s %s%n", a.severity().display().toUpperCase(java.util.Locale.ROOT).substring(0, Math.min(6, a.severity().display().length())), a.displayName()));
            b.append("       ").append(a.startTime()).append(a.endTime().equals(a.startTime()) ? "" : " " + arrow + " " + a.endTime())
                    .append(a.count() > 1 ? "  (" + a.count() + " events)" : "").append('\n');
            if (a.compromisedEntity() != null) {
                b.append("       on ").append(a.compromisedEntity().value()).append('\n');
            }
            List<String> others = new ArrayList<>();
            for (Entity e : a.entities()) {
                if (!e.equals(a.compromisedEntity())) {
                    others.add(e.kind().type() + " " + e.value());
                }
            }
            if (!others.isEmpty()) {
                b.append("       entities: ").append(String.join(", ", others)).append('\n');
            }
            List<String> attack = new ArrayList<>();
            a.tactics().forEach(t -> attack.add(t.displayName()));
            attack.addAll(a.subTechniques().isEmpty() ? a.techniques() : a.subTechniques());
            if (!attack.isEmpty()) {
                b.append("       ATT&CK: ").append(String.join(", ", attack)).append('\n');
            }
            b.append("       rule: ").append(a.rule().attribution()).append('\n');
            if (!a.evidence().isEmpty()) {
                b.append("       evidence: ").append(a.evidence().get(0)).append(a.evidence().size() > 1 ? " (+" + (a.evidence().size() - 1) + ")" : "").append('\n');
            }
            if (a.status() != SecurityAlert.Status.ACTIVE) {
                b.append("       status: ").append(a.status().display()).append('\n');
            }
            b.append('\n');
        }
        for (Incident i : r.incidents()) {
            b.append("INCIDENT ").append(i.displayName()).append(" (").append(i.severity().display()).append(", ")
                    .append(i.alerts().size()).append(" alerts)\n");
            b.append("       ").append(i.startTime()).append(' ').append(arrow).append(' ').append(i.endTime()).append('\n');
            b.append("       kill chain: ").append(String.join(" " + arrow + " ", i.tactics().stream().map(Tactic::displayName).toList())).append('\n');
            b.append("       shared: ").append(String.join(", ", i.sharedEntities().stream().map(e -> e.kind().type() + " " + e.value()).toList())).append('\n');
            b.append("       timeline:\n");
            for (Incident.TimelineEntry t : i.timeline()) {
                b.append("         ").append(t.time()).append("  ").append(String.format("%-20s", t.stage())).append(' ').append(t.alertDisplayName())
                        .append(t.entity().isEmpty() ? "" : "  (" + t.entity() + ")").append('\n');
            }
            b.append('\n');
        }
        for (SourceRecord.Malformed m : r.malformed()) {
            b.append("malformed: ").append(m.origin()).append(": ").append(m.message()).append('\n');
        }
        for (RuleProblem p : r.ruleProblems()) {
            b.append("rule not compiled: ").append(p.describe()).append('\n');
        }
        for (String s : r.suppressed()) {
            b.append("suppressed: ").append(s).append('\n');
        }
        for (String s : r.sinkProblems()) {
            b.append("export problem: ").append(s).append('\n');
        }
        Long unknown = r.perFamily().get(LogFamily.UNKNOWN);
        b.append(r.rules()).append(" rules (").append(r.rulesCompiled()).append(" compiled), ").append(r.events()).append(" events")
                .append(unknown == null ? "" : " (" + unknown + " of no known log source)").append(", ")
                .append(r.malformed().size()).append(" malformed, ").append(r.alerts().size()).append(" alert").append(r.alerts().size() == 1 ? "" : "s")
                .append(", ").append(r.incidents().size()).append(" incident").append(r.incidents().size() == 1 ? "" : "s").append('\n');
        return b.toString();
    }

    private static String pretty(ObjectNode n) {
        try {
            return AlertJson.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
