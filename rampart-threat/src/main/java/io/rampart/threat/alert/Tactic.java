package io.rampart.threat.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * MITRE ATT&CK enterprise tactics in kill-chain order, with the Sigma tag that names each
 * ({@code attack.<tag>}) and Defender for Cloud's alert {@code intent} value. ATT&CK v19 (April
 * 2026) split Defense Evasion into Stealth (keeping TA0005) and Defense Impairment (TA0112);
 * SigmaHQ rules use the new names, older rules the old one, and all three are Defender's
 * DefenseEvasion (Defender's intents predate the split).
 */
public enum Tactic {
    RECONNAISSANCE("reconnaissance", "PreAttack", "TA0043"),
    RESOURCE_DEVELOPMENT("resource-development", "PreAttack", "TA0042"),
    INITIAL_ACCESS("initial-access", "InitialAccess", "TA0001"),
    EXECUTION("execution", "Execution", "TA0002"),
    PERSISTENCE("persistence", "Persistence", "TA0003"),
    PRIVILEGE_ESCALATION("privilege-escalation", "PrivilegeEscalation", "TA0004"),
    DEFENSE_EVASION("defense-evasion", "DefenseEvasion", "TA0005"),
    STEALTH("stealth", "DefenseEvasion", "TA0005"),
    DEFENSE_IMPAIRMENT("defense-impairment", "DefenseEvasion", "TA0112"),
    CREDENTIAL_ACCESS("credential-access", "CredentialAccess", "TA0006"),
    DISCOVERY("discovery", "Discovery", "TA0007"),
    LATERAL_MOVEMENT("lateral-movement", "LateralMovement", "TA0008"),
    COLLECTION("collection", "Collection", "TA0009"),
    COMMAND_AND_CONTROL("command-and-control", "CommandAndControl", "TA0011"),
    EXFILTRATION("exfiltration", "Exfiltration", "TA0010"),
    IMPACT("impact", "Impact", "TA0040");

    private final String tag;
    private final String intent;
    private final String uid;

    Tactic(String tag, String intent, String uid) {
        this.tag = tag;
        this.intent = intent;
        this.uid = uid;
    }

    public String tag() {
        return tag;
    }

    /** Defender for Cloud's {@code intent} value. */
    public String intent() {
        return intent;
    }

    /** The ATT&CK tactic id (TA00xx); Stealth kept Defense Evasion's TA0005, Defense Impairment is TA0112. */
    public String uid() {
        return uid;
    }

    /** Display name: "Privilege Escalation". */
    public String displayName() {
        StringBuilder b = new StringBuilder();
        for (String w : tag.split("-")) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(w.equals("and") ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }

    public static Tactic fromTag(String tag) {
        String t = tag.toLowerCase(Locale.ROOT);
        if (t.startsWith("attack.")) {
            t = t.substring(7);
        }
        t = t.replace('_', '-');
        for (Tactic x : values()) {
            if (x.tag.equals(t)) {
                return x;
            }
        }
        return null;
    }

    /** The tactics among a rule's tags, in kill-chain order. */
    public static List<Tactic> fromTags(List<String> tags) {
        List<Tactic> out = new ArrayList<>();
        for (Tactic t : values()) {
            for (String tag : tags) {
                if (t == fromTag(tag)) {
                    out.add(t);
                    break;
                }
            }
        }
        return out;
    }

    /** ATT&CK technique ids among the tags (attack.t1098.003 → T1098.003), in tag order. */
    public static List<String> techniques(List<String> tags) {
        List<String> out = new ArrayList<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (t.matches("attack\\.t\\d{4}(\\.\\d{3})?")) {
                out.add(t.substring(7).toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }
}
