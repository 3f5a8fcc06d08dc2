package io.rampart.threat.stratus;

import io.rampart.threat.Corpora;
import io.rampart.threat.Detect;
import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.alert.Tactic;
import io.rampart.threat.detect.DetectionResult;
import io.rampart.threat.event.EventFields;
import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.io.LogFileReader;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.KnownFailures;
import io.rampart.threat.sigma.Matcher;
import io.rampart.threat.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every Stratus Red Team AWS detonation log (../shared/corpora/stratus-red-team) through
 * detection with the shipped rules and generates the coverage table docs/threat-stratus-coverage.md
 * (golden: the checked-in table must be what this run produces; regenerate with
 * -Drampart.updateGolden=true).
 *
 * <p>A technique is <em>covered</em> when a shipped rule selects one of the API calls
 * ({@code eventName}) the detonation makes. A covered technique must raise an alert from such a
 * rule, with a tactic Stratus maps the technique to (Defender intents compared, so ATT&CK v18's
 * Stealth / Defense Impairment count as Defense Evasion) — or be listed with its reason in
 * stratus/known-gaps.txt (which may only shrink).
 */
class StratusCoverageTest {

    private static final Pattern TECHNIQUE = Pattern.compile("\\((T\\d{4}(?:\\.\\d{3})?)\\)");

    record Row(String id, String title, List<String> tactics, List<String> techniques, Set<String> calls,
               List<CompiledRule> covering, List<SecurityAlert> alerts, String verdict, boolean ok) {
    }

    @Test
    void detonationsRaiseTheAlertsOfTheRulesThatCoverThem() throws IOException {
        Path root = Corpora.corpus("stratus-red-team").resolve("docs");
        List<Path> logs;
        try (Stream<Path> s = Files.list(root.resolve("detonation-logs"))) {
            logs = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(logs).isNotEmpty();
        Map<String, String> gaps = KnownFailures.read("/stratus/known-gaps.txt");
        Map<String, Integer> frequency = new TreeMap<>();
        for (Path log : logs) {
            calls(events(log)).forEach(c -> frequency.merge(c, 1, Integer::sum));
        }
        Set<String> incidental = new java.util.TreeSet<>();
        frequency.forEach((call, n) -> {
            if (n >= INCIDENTAL) {
                incidental.add(call);
            }
        });
        List<Row> rows = new ArrayList<>();
        for (Path log : logs) {
            rows.add(row(root, log, incidental));
        }
        String doc = render(rows, logs.size(), incidental);
        Path golden = Path.of("..", "docs", "threat-stratus-coverage.md");
        if (Boolean.getBoolean("rampart.updateGolden") || !Files.exists(golden)) {
            Files.writeString(golden, doc, StandardCharsets.UTF_8);
        }
        List<String> failing = new ArrayList<>();
        for (Row r : rows) {
            if (!r.covering().isEmpty() && !r.ok()) {
                failing.add(r.id());
            }
        }
        assertThat(failing).as("covered techniques without a correctly mapped alert and not in known-gaps.txt: %s",
                rows.stream().filter(r -> failing.contains(r.id())).map(r -> r.id() + ": " + r.verdict()).toList())
                .isSubsetOf(gaps.keySet());
        assertThat(gaps.keySet()).as("known gaps that now pass (remove them)").isSubsetOf(failing);
        assertThat(Files.readString(golden, StandardCharsets.UTF_8))
                .as("docs/threat-stratus-coverage.md is out of date: regenerate with -Drampart.updateGolden=true").isEqualTo(doc);
    }

    /** An API call made by this many detonations or more is set-up noise (AssumeRole, GetCallerIdentity), not a technique's own. */
    static final int INCIDENTAL = 3;

    private static List<LogEvent> events(Path log) {
        List<LogEvent> events = new ArrayList<>();
        new LogFileReader(log, log.getFileName().toString()).drainTo(r -> {
            if (r instanceof SourceRecord.Event e) {
                events.add(e.event());
            }
        });
        return events;
    }

    private static Set<String> calls(List<LogEvent> events) {
        Set<String> calls = new LinkedHashSet<>();
        events.forEach(e -> calls.add(e.body().path("eventName").asText()));
        return calls;
    }

    private static Row row(Path root, Path log, Set<String> incidental) throws IOException {
        String id = log.getFileName().toString().replaceAll("\\.json$", "");
        Path md = root.resolve("attack-techniques").resolve("AWS").resolve(id + ".md");
        String title = id;
        List<String> tactics = new ArrayList<>();
        List<String> techniques = new ArrayList<>();
        if (Files.exists(md)) {
            List<String> lines = Files.readAllLines(md, StandardCharsets.UTF_8);
            boolean inMitre = false;
            for (String l : lines) {
                if (l.startsWith("title: ")) {
                    title = l.substring(7).strip();
                }
                if (l.strip().equals("- MITRE ATT&CK")) {
                    inMitre = true;
                    continue;
                }
                if (inMitre) {
                    if (l.startsWith("    - ")) {
                        tactics.add(l.strip().substring(2));
                    } else if (!l.isBlank()) {
                        inMitre = false;
                    }
                }
                java.util.regex.Matcher m = TECHNIQUE.matcher(l);
                while (m.find()) {
                    if (!techniques.contains(m.group(1))) {
                        techniques.add(m.group(1));
                    }
                }
            }
        }
        List<LogEvent> events = events(log);
        Set<String> calls = calls(events);
        Set<String> own = new LinkedHashSet<>(calls);
        own.removeAll(incidental);
        List<CompiledRule> covering = new ArrayList<>();
        for (CompiledRule r : Detect.shipped().rulesFor(LogFamily.AWS_CLOUDTRAIL)) {
            if (own.stream().anyMatch(c -> selectsCall(r, c))) {
                covering.add(r);
            }
        }
        for (LogEvent e : events) {
            assertThat(Detect.shipped().matches(e)).as("index agrees with every rule on %s", e.origin())
                    .isEqualTo(Detect.shipped().matchesWithoutIndex(new EventFields(e)));
        }
        DetectionResult result = Detect.files(Detect.shipped(), List.of(log));
        List<SecurityAlert> alerts = result.alerts();
        Set<String> wantIntents = new LinkedHashSet<>();
        for (String t : tactics) {
            Tactic x = Tactic.fromTag(t.toLowerCase(Locale.ROOT).replace(' ', '-'));
            if (x != null) {
                wantIntents.add(x.intent());
            }
        }
        Set<String> coveringIds = new LinkedHashSet<>();
        covering.forEach(c -> coveringIds.add(c.rule().key()));
        List<SecurityAlert> fromCovering = alerts.stream().filter(a -> coveringIds.contains(a.rule().id())).toList();
        boolean tacticOk = fromCovering.stream().anyMatch(a -> a.tactics().stream().anyMatch(t -> wantIntents.contains(t.intent())));
        String verdict;
        boolean ok = false;
        if (covering.isEmpty()) {
            verdict = alerts.isEmpty() ? "not covered: no shipped rule selects " + String.join(", ", calls)
                    : "not covered (alerts come from incidental calls only)";
        } else if (fromCovering.isEmpty()) {
            verdict = "covered but not alerted: " + whyNot(covering, events);
        } else if (!tacticOk) {
            verdict = "alerted, tactic differs: rule says " + String.join("/", fromCovering.get(0).tactics().stream().map(Tactic::displayName).toList())
                    + ", Stratus says " + String.join("/", tactics);
        } else {
            verdict = "alerted, tactic matches";
            ok = true;
        }
        return new Row(id, title, tactics, techniques, calls, covering, alerts, verdict, ok);
    }

    /** For each covering rule, the selections that were false on the event with the matching call. */
    private static String whyNot(List<CompiledRule> covering, List<LogEvent> events) {
        List<String> parts = new ArrayList<>();
        for (CompiledRule r : covering) {
            for (LogEvent e : events) {
                if (selectsCall(r, e.body().path("eventName").asText())) {
                    EventFields f = new EventFields(e);
                    List<String> held = new ArrayList<>(), failed = new ArrayList<>();
                    new TreeMap<>(r.selections()).forEach((name, m) -> (m.test(f) ? held : failed).add(name));
                    parts.add("'" + r.rule().title() + "' (condition: " + io.rampart.threat.sigma.ConditionExpr.print(r.condition())
                            + "; true: " + String.join(", ", held) + "; false: " + String.join(", ", failed) + ")");
                    break;
                }
            }
        }
        return String.join("; ", parts);
    }

    /** Whether one of the rule's positive (not negated) eventName conditions accepts this call, whatever its modifier. */
    static boolean selectsCall(CompiledRule r, String call) {
        for (Matcher.FieldMatch f : eventNameMatches(r.matcher(), false)) {
            for (io.rampart.threat.sigma.ValuePattern p : f.patterns()) {
                if (p.test(call, call.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Matcher.FieldMatch> eventNameMatches(Matcher m, boolean negated) {
        List<Matcher.FieldMatch> out = new ArrayList<>();
        switch (m) {
            case Matcher.AllOf a -> a.items().forEach(i -> out.addAll(eventNameMatches(i, negated)));
            case Matcher.AnyOf a -> a.items().forEach(i -> out.addAll(eventNameMatches(i, negated)));
            case Matcher.Not n -> out.addAll(eventNameMatches(n.item(), !negated));
            case Matcher.Selection s -> out.addAll(eventNameMatches(s.item(), negated));
            case Matcher.FieldMatch f -> {
                if (!negated && f.field().equalsIgnoreCase("eventName")) {
                    out.add(f);
                }
            }
            default -> { }
        }
        return out;
    }

    private static String render(List<Row> rows, int total, Set<String> incidental) {
        StringBuilder b = new StringBuilder();
        long covered = rows.stream().filter(r -> !r.covering().isEmpty()).count();
        long ok = rows.stream().filter(Row::ok).count();
        long anyAlert = rows.stream().filter(r -> !r.alerts().isEmpty()).count();
        b.append("# Stratus Red Team coverage of the shipped Sigma rules\n\n");
        b.append("Generated by `StratusCoverageTest` (rampart-threat) from `../shared/corpora/stratus-red-team`: each recorded AWS\n");
        b.append("detonation log replayed through `rampart detect` with the shipped SigmaHQ cloud rules. Do not edit by hand;\n");
        b.append("regenerate with `./mvnw -pl rampart-threat verify -Drampart.updateGolden=true`.\n\n");
        b.append("A technique is **covered** when a shipped rule selects (by `eventName`, any modifier) one of the API calls its detonation makes;\n");
        b.append("a covered technique should raise that rule's alert with a tactic Stratus maps it to (compared as Defender\n");
        b.append("intents: ATT&CK v18's Stealth and Defense Impairment are Defense Evasion). Techniques are shown as Stratus\n");
        b.append("(Threat Technique Catalog for AWS, ATT&CK up to v17) and the rules (SigmaHQ, ATT&CK v18) number them —\n");
        b.append("v18 renumbered some (Impair Defenses T1562 → T1685), so ids are listed side by side, not compared.\n\n");
        b.append("API calls made by ").append(INCIDENTAL).append(" or more detonations are set-up noise, not a technique's own, and\n");
        b.append("establish no coverage: ").append(String.join(", ", incidental)).append(".\n\n");
        b.append("| | count |\n|---|---|\n");
        b.append("| detonation logs | ").append(total).append(" |\n");
        b.append("| covered by a rule | ").append(covered).append(" |\n");
        b.append("| covered and alerted with a matching tactic | ").append(ok).append(" |\n");
        b.append("| any alert at all (incl. incidental calls) | ").append(anyAlert).append(" |\n\n");
        b.append("| technique | Stratus tactic (technique) | API calls | alerts (rule → ATT&CK tags) | verdict |\n");
        b.append("|---|---|---|---|---|\n");
        for (Row r : rows) {
            Map<String, String> alertTitles = new TreeMap<>();
            for (SecurityAlert a : r.alerts()) {
                List<String> t = new ArrayList<>();
                a.tactics().forEach(x -> t.add(x.displayName()));
                t.addAll(a.subTechniques().isEmpty() ? a.techniques() : a.subTechniques());
                alertTitles.put(a.displayName(), a.displayName() + " → " + (t.isEmpty() ? "no ATT&CK tags" : String.join(", ", t)));
            }
            String calls = String.join(", ", r.calls().stream().limit(6).toList()) + (r.calls().size() > 6 ? ", …" : "");
            b.append("| `").append(r.id()).append("` ").append(escape(r.title()))
                    .append(" | ").append(escape(String.join(", ", r.tactics())))
                    .append(r.techniques().isEmpty() ? "" : " (" + String.join(", ", r.techniques()) + ")")
                    .append(" | ").append(escape(calls))
                    .append(" | ").append(alertTitles.isEmpty() ? "—" : escape(String.join("; ", alertTitles.values())))
                    .append(" | ").append(escape(r.verdict())).append(" |\n");
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
