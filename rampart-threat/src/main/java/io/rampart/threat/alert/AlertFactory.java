package io.rampart.threat.alert;

import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.Origin;
import io.rampart.threat.sigma.Level;
import io.rampart.threat.sigma.SigmaRule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the alert a rule raises for the events that matched it. */
public final class AlertFactory {

    private AlertFactory() {
    }

    /**
     * @param events the matching events, oldest first (one for a plain rule; a correlation's contributing events)
     * @param now    when the alert is generated (from the detection's clock)
     */
    public static SecurityAlert create(SigmaRule rule, String defaultLicense, List<LogEvent> events, Instant now, Map<String, String> extra) {
        return create(rule, defaultLicense, events, now, extra, false);
    }

    /** Field names (lower case, prefixes) that say a rule's condition is about who acted. */
    private static final List<String> IDENTITY_FIELDS = List.of("useridentity", "identity", "caller", "userprincipalname", "username",
            "initiatedby", "protopayload.authenticationinfo", "principal");

    /**
     * Whether a rule is about an identity rather than a resource: a positive selection (not under
     * {@code not}) tests who acted (CloudTrail {@code userIdentity.*}, Azure {@code caller},
     * Entra {@code userPrincipalName} ...). Its alerts then name the identity as compromised, so
     * repeats by one identity on many resources fold into one alert.
     */
    public static boolean identityCentric(io.rampart.threat.sigma.Matcher m) {
        return switch (m) {
            case io.rampart.threat.sigma.Matcher.AllOf a -> a.items().stream().anyMatch(AlertFactory::identityCentric);
            case io.rampart.threat.sigma.Matcher.AnyOf a -> a.items().stream().anyMatch(AlertFactory::identityCentric);
            case io.rampart.threat.sigma.Matcher.Selection s -> identityCentric(s.item());
            case io.rampart.threat.sigma.Matcher.FieldMatch f -> identityField(f.field());
            case io.rampart.threat.sigma.Matcher.FieldRef f -> identityField(f.field());
            default -> false;
        };
    }

    private static boolean identityField(String field) {
        String f = field.toLowerCase(java.util.Locale.ROOT);
        return IDENTITY_FIELDS.stream().anyMatch(f::startsWith);
    }

    public static SecurityAlert create(SigmaRule rule, String defaultLicense, List<LogEvent> events, Instant now, Map<String, String> extra,
                                       boolean identityCentric) {
        Set<Entity> entities = new LinkedHashSet<>();
        List<Origin> evidence = new ArrayList<>();
        Instant start = null, end = null;
        for (LogEvent e : events) {
            entities.addAll(EntityExtractor.entities(e));
            evidence.add(e.origin());
            Instant t = e.time() != null ? e.time() : now;
            start = start == null || t.isBefore(start) ? t : start;
            end = end == null || t.isAfter(end) ? t : end;
        }
        List<Entity> list = new ArrayList<>(entities);
        Entity compromised = EntityExtractor.compromised(list, identityCentric);
        List<Tactic> tactics = Tactic.fromTags(rule.tags());
        List<String> techniques = new ArrayList<>(), subTechniques = new ArrayList<>();
        List<String> current = Tactic.techniques(rule.tags()).stream().map(AttackTechniques::current).toList();
        // The ids in force first (a rule written before ATT&CK revoked its technique names the old
        // one); then the ids they replaced, so consumers still on an older ATT&CK release — and
        // catalogs built on one, as Stratus Red Team's is — recognise the technique too.
        for (String t : current) {
            addTechnique(t, techniques, subTechniques);
        }
        for (String t : current) {
            for (String old : AttackTechniques.former(t)) {
                addTechnique(old, techniques, subTechniques);
            }
        }
        RuleRef ref = RuleRef.of(rule, defaultLicense);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("sigmaRuleId", ref.id());
        props.put("sigmaRuleTitle", ref.title());
        if (ref.author() != null) {
            props.put("sigmaRuleAuthor", ref.author());
        }
        props.put("sigmaRuleLicense", ref.license());
        if (ref.source() != null) {
            props.put("sigmaRuleSource", ref.source());
        }
        if (rule.level() != null) {
            props.put("sigmaLevel", rule.level().sigmaName());
        }
        if (!rule.tags().isEmpty()) {
            props.put("sigmaTags", String.join(", ", rule.tags()));
        }
        if (!events.isEmpty()) {
            props.put("logSource", events.get(0).family().displayName());
        }
        props.put("eventCount", String.valueOf(events.size()));
        props.putAll(extra);
        String entityKey = compromised == null ? "" : compromised.key();
        String id = UUID.nameUUIDFromBytes(("rampart|" + ref.id() + "|" + entityKey + "|" + start).getBytes(StandardCharsets.UTF_8)).toString();
        return new SecurityAlert(id, alertType(rule), rule.title(), rule.description() == null ? rule.title() : rule.description(),
                Severity.of(rule.level()), tactics, techniques, subTechniques, start, end, now, SecurityAlert.Status.ACTIVE,
                compromised, list, props, remediation(rule, tactics, compromised, list), ref, evidence, events.size());
    }

    /** "SIGMA_<rule id>": one alert type per rule, as Defender has one per detection. */
    public static String alertType(SigmaRule rule) {
        return "SIGMA_" + rule.key();
    }

    static List<String> remediation(SigmaRule rule, List<Tactic> tactics, Entity compromised, List<Entity> entities) {
        String account = entities.stream().filter(e -> e.kind() == Entity.Kind.ACCOUNT).map(Entity::name).findFirst().orElse("the identity involved");
        String target = compromised == null ? "the resource involved" : compromised.name();
        List<String> steps = new ArrayList<>();
        steps.add("Confirm with the owner of " + account + " whether they performed: " + rule.title() + ".");
        Set<String> seen = new LinkedHashSet<>();
        for (Tactic t : tactics) {
            String step = switch (t) {
                case RECONNAISSANCE, RESOURCE_DEVELOPMENT, DISCOVERY ->
                        "Check whether " + account + " is expected to enumerate or prepare these resources; restrict its read permissions if not.";
                case INITIAL_ACCESS -> "If the sign-in or access was not theirs, reset " + account + "'s credentials and revoke its sessions and keys.";
                case EXECUTION, LATERAL_MOVEMENT -> "Review what ran on " + target + "; isolate it if the commands or sessions are unexpected.";
                case PERSISTENCE -> "Remove users, keys, roles, trust relationships or code that " + account + " added to " + target + " without approval.";
                case PRIVILEGE_ESCALATION -> "Remove permissions or role assignments granted without approval and review " + account + "'s other grants.";
                case DEFENSE_EVASION, STEALTH, DEFENSE_IMPAIRMENT ->
                        "Restore the logging, policy or protection that was changed on " + target + ", and review activity while it was off.";
                case CREDENTIAL_ACCESS -> "Rotate the secrets, keys or passwords that were read or exposed, and review who used them since.";
                case COLLECTION, EXFILTRATION -> "Revoke the sharing or public access granted on " + target + " and review what was accessed.";
                case COMMAND_AND_CONTROL -> "Block the remote endpoints involved and review traffic from " + target + ".";
                case IMPACT -> "Check " + target + " for deleted, encrypted or changed data and restore it from backup.";
            };
            seen.add(step);
        }
        steps.addAll(seen);
        if (!rule.falsePositives().isEmpty()) {
            steps.add("Known benign causes (from the rule): " + String.join("; ", rule.falsePositives())
                    + ". If this is one, suppress the alert for this entity with an automation rule.");
        }
        return steps;
    }

    /** The level a correlation alert takes when the rule gives none: the highest of the rules it correlates. */
    public static Level highest(List<SigmaRule> rules) {
        Level best = null;
        for (SigmaRule r : rules) {
            if (r.level() != null && (best == null || r.level().compareTo(best) > 0)) {
                best = r.level();
            }
        }
        return best;
    }

    private static void addTechnique(String t, List<String> techniques, List<String> subTechniques) {
        if (t.contains(".")) {
            if (!subTechniques.contains(t)) {
                subTechniques.add(t);
            }
            t = t.substring(0, t.indexOf('.'));
        }
        if (!techniques.contains(t)) {
            techniques.add(t);
        }
    }
}
