package io.rampart.threat.alert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * MITRE ATT&CK technique ids: their current form and how two of them relate.
 *
 * <p>MITRE revokes techniques and points each at the one that replaces it (ATT&CK v19 revoked
 * Impair Defenses T1562 and its sub-techniques for Disable or Modify Tools T1685 and Disable or
 * Modify System Firewall T1686). A rule written before the change names the old id, one written
 * after names the new one; {@link #current} reads both as the current id through the shipped
 * table {@code attack/revoked-techniques.tsv} (one row per revoked id, with its source).
 *
 * <p>The Threat Technique Catalog for AWS (which Stratus Red Team maps its techniques to) adds
 * AWS-specific sub-techniques numbered {@code Tnnnn.Annn} under ATT&CK techniques; they are not
 * ATT&CK ids, and {@link #relation} compares them through their ATT&CK parent.
 */
public final class AttackTechniques {

    private static final String TABLE = "/io/rampart/threat/attack/revoked-techniques.tsv";
    private static final Pattern ATTACK_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");
    private static final Pattern EXTENSION_ID = Pattern.compile("T\\d{4}\\.A\\d{3}");

    /** One revoked technique: its id, the id that replaced it, the ATT&CK release that did it, and where that is stated. */
    public record Revocation(String revoked, String current, String version, String source) {
    }

    /** How an alert's technique relates to the technique an attack is known by, strongest first. */
    public enum Relation {
        /** The same technique (after following revocations). */
        SAME("same technique"),
        /** The alert names the parent technique of the expected sub-technique. */
        PARENT("alert names the parent technique"),
        /** The alert names a sub-technique of the expected technique. */
        SUB_TECHNIQUE("alert names a sub-technique"),
        /** The expected id is a Threat Technique Catalog extension; the alert names its ATT&CK parent or a sibling under it. */
        CATALOG_PARENT("same ATT&CK technique as the AWS catalog's extension"),
        /** No relation. */
        DIFFERENT("different technique");

        private final String description;

        Relation(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }

        public boolean matches() {
            return this != DIFFERENT;
        }
    }

    private static volatile Map<String, Revocation> table;

    private AttackTechniques() {
    }

    /** The shipped revocation table, in file order. */
    public static List<Revocation> revocations() {
        return List.copyOf(table().values());
    }

    /** The revocation of {@code id}, if the table has one. */
    public static Optional<Revocation> revocation(String id) {
        return Optional.ofNullable(table().get(normalise(id)));
    }

    /**
     * The id in its canonical spelling ({@code attack.t1562.008} → {@code T1562.008}), following
     * revocations to the id in force ({@code T1562.008} → {@code T1685.002}). An id the table does
     * not know is returned in canonical spelling.
     */
    public static String current(String id) {
        String t = normalise(id);
        for (int hops = 0; hops < 10; hops++) {
            Revocation r = table().get(t);
            if (r == null) {
                return t;
            }
            t = r.current();
        }
        throw new IllegalStateException("revocation cycle in " + TABLE + " at " + id);
    }

    /**
     * The ids that {@code id} (in force) replaced, in table order: {@code T1685.002} →
     * {@code [T1562.008]}. Alerts list them after the current ids, so a consumer still on an older
     * ATT&CK release (or a catalog built on one, as Stratus Red Team's is) recognises the technique.
     */
    public static List<String> former(String id) {
        String t = current(id);
        List<String> out = new java.util.ArrayList<>();
        for (Revocation r : table().values()) {
            if (!r.revoked().equals(t) && current(r.revoked()).equals(t)) {
                out.add(r.revoked());
            }
        }
        return out;
    }

    /** Upper case, without Sigma's {@code attack.} prefix. */
    public static String normalise(String id) {
        String t = id.strip();
        if (t.regionMatches(true, 0, "attack.", 0, 7)) {
            t = t.substring(7);
        }
        return t.toUpperCase(Locale.ROOT);
    }

    /** An ATT&CK technique or sub-technique id ({@code T1098}, {@code T1098.001}). */
    public static boolean isAttackId(String id) {
        return ATTACK_ID.matcher(normalise(id)).matches();
    }

    /** A Threat Technique Catalog for AWS extension ({@code T1078.A001}). */
    public static boolean isCatalogExtension(String id) {
        return EXTENSION_ID.matcher(normalise(id)).matches();
    }

    /** The technique of a sub-technique or catalog extension; a technique is its own parent. */
    public static String parent(String id) {
        String t = normalise(id);
        int dot = t.indexOf('.');
        return dot < 0 ? t : t.substring(0, dot);
    }

    /**
     * How {@code actual} (an alert's technique) relates to {@code expected} (the technique the
     * attack is known by). Both are read as their {@link #current} ids first.
     */
    public static Relation relation(String expected, String actual) {
        String e = current(expected), a = current(actual);
        if (e.equals(a)) {
            return Relation.SAME;
        }
        if (isCatalogExtension(e)) {
            // current() of a catalog id keeps the extension; its ATT&CK parent may itself be revoked
            return current(parent(e)).equals(current(parent(a))) ? Relation.CATALOG_PARENT : Relation.DIFFERENT;
        }
        if (e.contains(".") && parent(e).equals(a)) {
            return Relation.PARENT;
        }
        if (a.contains(".") && parent(a).equals(e)) {
            return Relation.SUB_TECHNIQUE;
        }
        return Relation.DIFFERENT;
    }

    private static Map<String, Revocation> table() {
        Map<String, Revocation> t = table;
        if (t == null) {
            t = read();
            table = t;
        }
        return t;
    }

    private static Map<String, Revocation> read() {
        InputStream in = AttackTechniques.class.getResourceAsStream(TABLE);
        if (in == null) {
            throw new IllegalStateException("missing from the classpath: " + TABLE);
        }
        Map<String, Revocation> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length != 4 || !ATTACK_ID.matcher(cols[0]).matches() || !ATTACK_ID.matcher(cols[1]).matches()
                        || cols[3].isBlank()) {
                    problems.add(TABLE + ":" + n + ": expected 'revoked<TAB>current<TAB>version<TAB>source' with ATT&CK ids");
                    continue;
                }
                if (out.put(cols[0], new Revocation(cols[0], cols[1], cols[2], cols[3])) != null) {
                    problems.add(TABLE + ":" + n + ": " + cols[0] + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        return java.util.Collections.unmodifiableMap(out);
    }
}
