package io.rampart.threat.stratus;

import io.rampart.threat.Corpora;
import io.rampart.threat.Detect;
import io.rampart.threat.alert.AttackTechniques;
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
 * rule with a tactic Stratus maps the technique to (Defender intents compared, so ATT&CK v19's
 * Stealth / Defense Impairment count as Defense Evasion) <em>and</em> the right technique: the
 * alert's technique, read as its current ATT&CK id, must be the technique Stratus names (read as
 * its current id through the shipped revocation table, e.g. T1562.008 → T1685.002), its parent, a
 * sub-technique of it, or — for the AWS catalog's own T1234.A001 ids — the same ATT&CK technique.
 * Where Stratus names no technique only the tactic is compared, and the table says so. Otherwise
 * the technique is listed with its reason in stratus/known-gaps.txt (which may only shrink).
 */
class StratusCoverageTest {

    /** A technique id in Stratus's mappings: ATT&CK's (T1098.001) or the AWS catalog's own (T1078.A001), in parentheses. */
    private static final Pattern TECHNIQUE = Pattern.compile("\\((T\\d{4}(?:\\.(?:\\d{3}|A\\d{3}))?)\\)");

    record Row(String id, String title, List<String> tactics, List<String> techniques, Set<String> calls,
               List<CompiledRule> covering, List<SecurityAlert> alerts, Technique technique, boolean tacticOk, String verdict, boolean ok) {
    }

    /**
     * The technique comparison of one row: the alert technique that relates best to one Stratus
     * names ({@code alert} null when no alert of a covering rule names one), and how.
     */
    record Technique(String stratus, String alert, AttackTechniques.Relation relation, String note) {
        static Technique notCompared(String note) {
            return new Technique(null, null, null, note);
        }

        boolean compared() {
            return relation != null;
        }

        boolean acceptable() {
            return relation == null ? stratus == null : relation.matches();
        }
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
        List<SecurityAlert> rightTactic = fromCovering.stream()
                .filter(a -> a.tactics().stream().anyMatch(t -> wantIntents.contains(t.intent()))).toList();
        Technique technique = technique(techniques, rightTactic.isEmpty() ? fromCovering : rightTactic);
        String verdict;
        boolean ok = false;
        if (covering.isEmpty()) {
            verdict = alerts.isEmpty() ? "not covered: no shipped rule selects " + String.join(", ", calls)
                    : "not covered (alerts come from incidental calls only)";
        } else if (fromCovering.isEmpty()) {
            verdict = "covered but not alerted: " + whyNot(covering, events);
        } else if (rightTactic.isEmpty()) {
            verdict = "alerted, tactic differs: rule says " + String.join("/", fromCovering.get(0).tactics().stream().map(Tactic::displayName).toList())
                    + ", Stratus says " + String.join("/", tactics);
        } else if (!technique.acceptable()) {
            verdict = "alerted, tactic matches, technique differs: " + technique.note();
        } else {
            verdict = technique.compared() ? "alerted, tactic and technique match" : "alerted, tactic matches (" + technique.note() + ")";
            ok = true;
        }
        boolean tacticOk = !covering.isEmpty() && !rightTactic.isEmpty();
        return new Row(id, title, tactics, techniques, calls, covering, alerts, technique, tacticOk, verdict, ok);
    }

    /**
     * Compares the techniques Stratus names with those of the alerts (each read as its current
     * ATT&CK id): the best relation over every pair, strongest first.
     */
    static Technique technique(List<String> stratus, List<SecurityAlert> alerts) {
        if (stratus.isEmpty()) {
            return Technique.notCompared("technique not compared: Stratus names none");
        }
        List<String> named = new ArrayList<>();
        for (SecurityAlert a : alerts) {
            for (String t : a.subTechniques()) {
                if (!named.contains(t)) {
                    named.add(t);
                }
            }
            for (String t : a.techniques()) {
                if (!named.contains(t)) {
                    named.add(t);
                }
            }
        }
        if (named.isEmpty()) {
            return new Technique(stratus.get(0), null, AttackTechniques.Relation.DIFFERENT,
                    alerts.isEmpty() ? "no alert from a covering rule" : "the rule names no technique; Stratus names " + String.join(", ", stratus));
        }
        Technique best = null;
        for (String s : stratus) {
            for (String a : named) {
                AttackTechniques.Relation r = AttackTechniques.relation(s, a);
                if (best == null || r.ordinal() < best.relation().ordinal()) {
                    best = new Technique(s, a, r, null);
                }
            }
        }
        String note = best.relation().matches()
                ? shown(best.stratus()) + " ~ " + best.alert() + ": " + best.relation().description()
                : "Stratus names " + String.join(", ", stratus.stream().map(StratusCoverageTest::shown).toList())
                        + ", the rule " + String.join(", ", named);
        return new Technique(best.stratus(), best.alert(), best.relation(), note);
    }

    /** A Stratus technique id, with the id that replaced it when ATT&CK revoked it: "T1562.008 (now T1685.002)". */
    static String shown(String id) {
        String now = AttackTechniques.current(id);
        return now.equals(id) ? id : id + " (now " + now + ")";
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
        long tacticOk = rows.stream().filter(Row::tacticOk).count();
        long compared = rows.stream().filter(r -> r.tacticOk() && r.technique().compared()).count();
        long techniqueOk = rows.stream().filter(r -> r.tacticOk() && r.technique().compared() && r.technique().acceptable()).count();
        long ok = rows.stream().filter(Row::ok).count();
        long anyAlert = rows.stream().filter(r -> !r.alerts().isEmpty()).count();
        b.append("# Stratus Red Team coverage of the shipped Sigma rules\n\n");
        b.append("Generated by `StratusCoverageTest` (rampart-threat) from `../shared/corpora/stratus-red-team`: each recorded AWS\n");
        b.append("detonation log replayed through `rampart detect` with the shipped SigmaHQ cloud rules. Do not edit by hand;\n");
        b.append("regenerate with `./mvnw -pl rampart-threat verify -Drampart.updateGolden=true`.\n\n");
        b.append("A technique is **covered** when a shipped rule selects (by `eventName`, any modifier) one of the API calls its detonation makes.\n");
        b.append("A covered technique should raise that rule's alert\n\n");
        b.append("- with a **tactic** Stratus maps it to, compared as Defender intents (ATT&CK v19's Stealth and Defense Impairment\n");
        b.append("  are Defense Evasion), and\n");
        b.append("- with the **technique** Stratus names. Stratus names techniques by the Threat Technique Catalog for AWS (ATT&CK\n");
        b.append("  ids up to v17, plus AWS-specific `Tnnnn.Annn` extensions); the rules (SigmaHQ) use ATT&CK v19, which revoked\n");
        b.append("  some ids. Both sides are read as their current ATT&CK id through Rampart's shipped revocation table\n");
        b.append("  (`rampart-threat/src/main/resources/io/rampart/threat/attack/revoked-techniques.tsv`, a source per row), then the\n");
        b.append("  alert's technique must be the same, the parent of Stratus's sub-technique, a sub-technique of Stratus's technique,\n");
        b.append("  or — for a catalog extension — under the same ATT&CK technique. Where Stratus names no technique only the\n");
        b.append("  tactic is compared, and the row says so.\n\n");
        b.append("Revocations that occur here: ");
        List<String> used = new ArrayList<>();
        for (AttackTechniques.Revocation r : AttackTechniques.revocations()) {
            boolean occurs = rows.stream().anyMatch(x -> x.techniques().contains(r.revoked()));
            if (occurs) {
                used.add(r.revoked() + " → " + r.current() + " (" + r.version() + ")");
            }
        }
        b.append(used.isEmpty() ? "none" : String.join(", ", used)).append(".\n\n");
        b.append("API calls made by ").append(INCIDENTAL).append(" or more detonations are set-up noise, not a technique's own, and\n");
        b.append("establish no coverage: ").append(String.join(", ", incidental)).append(".\n\n");
        b.append("| | count |\n|---|---|\n");
        b.append("| detonation logs | ").append(total).append(" |\n");
        b.append("| covered by a rule | ").append(covered).append(" |\n");
        b.append("| covered and alerted with a matching tactic | ").append(tacticOk).append(" |\n");
        b.append("| … of which Stratus names a technique (compared) | ").append(compared).append(" |\n");
        b.append("| … … and the alert's technique matches | ").append(techniqueOk).append(" |\n");
        b.append("| **covered and alerted with the right tactic and technique** (or tactic only where Stratus names no technique) | ")
                .append(ok).append(" |\n");
        b.append("| any alert at all (incl. incidental calls) | ").append(anyAlert).append(" |\n\n");
        b.append("| technique | Stratus tactic | Stratus technique | API calls | alerts (rule → ATT&CK tactics, techniques) | alert technique | technique match | verdict |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            Map<String, String> alertTitles = new TreeMap<>();
            for (SecurityAlert a : r.alerts()) {
                List<String> t = new ArrayList<>();
                a.tactics().forEach(x -> t.add(x.displayName()));
                t.addAll(a.subTechniques().isEmpty() ? a.techniques() : a.subTechniques());
                alertTitles.put(a.displayName(), a.displayName() + " → " + (t.isEmpty() ? "no ATT&CK tags" : String.join(", ", t)));
            }
            String calls = String.join(", ", r.calls().stream().limit(6).toList()) + (r.calls().size() > 6 ? ", …" : "");
            Technique t = r.technique();
            String match;
            if (r.covering().isEmpty()) {
                match = "—";
            } else if (!t.compared()) {
                match = "not compared: Stratus names none";
            } else if (t.alert() == null) {
                match = t.note();
            } else {
                match = t.relation().matches() ? t.relation().description() : "differs";
            }
            b.append("| `").append(r.id()).append("` ").append(escape(r.title()))
                    .append(" | ").append(escape(String.join(", ", r.tactics())))
                    .append(" | ").append(r.techniques().isEmpty() ? "—" : String.join(", ", r.techniques().stream().map(StratusCoverageTest::shown).toList()))
                    .append(" | ").append(escape(calls))
                    .append(" | ").append(alertTitles.isEmpty() ? "—" : escape(String.join("; ", alertTitles.values())))
                    .append(" | ").append(t.alert() == null ? "—" : t.alert())
                    .append(" | ").append(escape(match))
                    .append(" | ").append(escape(r.verdict())).append(" |\n");
        }
        return b.toString();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
