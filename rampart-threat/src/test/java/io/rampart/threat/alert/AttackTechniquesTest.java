package io.rampart.threat.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.Detect;
import io.rampart.threat.detect.DetectionEngine;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.detect.DetectionSession;
import io.rampart.threat.event.EventClassifier;
import io.rampart.threat.event.Origin;
import io.rampart.threat.sigma.CompiledRule;
import io.rampart.threat.sigma.RuleCompiler;
import io.rampart.threat.sigma.RuleSet;
import io.rampart.threat.sigma.RuleSource;
import io.rampart.threat.sigma.ShippedRules;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.rampart.threat.alert.AttackTechniques.Relation.CATALOG_PARENT;
import static io.rampart.threat.alert.AttackTechniques.Relation.DIFFERENT;
import static io.rampart.threat.alert.AttackTechniques.Relation.PARENT;
import static io.rampart.threat.alert.AttackTechniques.Relation.SAME;
import static io.rampart.threat.alert.AttackTechniques.Relation.SUB_TECHNIQUE;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped ATT&CK revocation table, technique relations, and alerts carrying current ids. */
class AttackTechniquesTest {

    @Test
    void theTableIsWellFormedAndSourced() {
        List<AttackTechniques.Revocation> table = AttackTechniques.revocations();
        assertThat(table).isNotEmpty();
        for (AttackTechniques.Revocation r : table) {
            assertThat(AttackTechniques.isAttackId(r.revoked())).as(r.revoked()).isTrue();
            assertThat(AttackTechniques.isAttackId(r.current())).as(r.current()).isTrue();
            assertThat(r.version()).as("release of %s", r.revoked()).matches("v\\d+");
            assertThat(r.source()).as("source of %s", r.revoked()).contains("https://attack.mitre.org/techniques/"
                    + r.revoked().replace('.', '/'));
            // a row points at the id in force, not at another revoked one
            assertThat(AttackTechniques.revocation(r.current())).as("%s → %s is itself revoked", r.revoked(), r.current()).isEmpty();
        }
    }

    @Test
    void currentFollowsRevocationsAndSpellsIdsCanonically() {
        assertThat(AttackTechniques.current("attack.t1562.008")).isEqualTo("T1685.002");
        assertThat(AttackTechniques.current("T1562.007")).isEqualTo("T1686.001");
        assertThat(AttackTechniques.current("t1562")).isEqualTo("T1685");
        assertThat(AttackTechniques.current("attack.t1098.001")).isEqualTo("T1098.001");
        assertThat(AttackTechniques.current("T1078.A001")).as("catalog extensions are kept").isEqualTo("T1078.A001");
        assertThat(AttackTechniques.parent("T1078.A001")).isEqualTo("T1078");
        assertThat(AttackTechniques.isCatalogExtension("T1078.A001")).isTrue();
        assertThat(AttackTechniques.isAttackId("T1078.A001")).isFalse();
    }

    @Test
    void formerListsTheIdsACurrentOneReplaced() {
        assertThat(AttackTechniques.former("T1685.002")).containsExactly("T1562.008");
        assertThat(AttackTechniques.former("attack.t1562.008")).as("a revoked id is read as its current one first").containsExactly("T1562.008");
        assertThat(AttackTechniques.former("T1686.001")).containsExactly("T1562.007");
        assertThat(AttackTechniques.former("T1098")).isEmpty();
    }

    @Test
    void relationsBetweenTheExpectedAndTheAlertsTechnique() {
        assertThat(AttackTechniques.relation("T1562.008", "T1685.002")).as("revoked id followed").isEqualTo(SAME);
        assertThat(AttackTechniques.relation("T1098.001", "T1098")).isEqualTo(PARENT);
        assertThat(AttackTechniques.relation("T1098", "T1098.003")).isEqualTo(SUB_TECHNIQUE);
        assertThat(AttackTechniques.relation("T1078.A001", "T1078.004")).isEqualTo(CATALOG_PARENT);
        assertThat(AttackTechniques.relation("T1078.A001", "T1078")).isEqualTo(CATALOG_PARENT);
        assertThat(AttackTechniques.relation("T1098.001", "T1098.003")).as("siblings are different techniques").isEqualTo(DIFFERENT);
        assertThat(AttackTechniques.relation("T1578.001", "T1537")).isEqualTo(DIFFERENT);
        assertThat(AttackTechniques.relation("T1562.007", "T1190")).isEqualTo(DIFFERENT);
        assertThat(AttackTechniques.relation("T1562.007", "T1686")).as("parent of the replacing id").isEqualTo(PARENT);
    }

    @Test
    void everyTechniqueTagOfTheShippedRulesIsAnAttackIdAndRampartsOwnAreCurrent() {
        List<String> notIds = new ArrayList<>();
        List<String> revokedInOwn = new ArrayList<>();
        for (CompiledRule r : Detect.shipped().rules().rules()) {
            for (String tag : r.rule().tags()) {
                String t = tag.toLowerCase(java.util.Locale.ROOT);
                if (t.matches("attack\\.t\\d.*") && !AttackTechniques.isAttackId(t)) {
                    notIds.add(r.rule().title() + ": " + tag);
                }
                if (t.matches("attack\\.t\\d.*") && r.rule().source() != null && r.rule().source().startsWith("rampart-rules/")
                        && AttackTechniques.revocation(t).isPresent()) {
                    revokedInOwn.add(r.rule().title() + ": " + tag);
                }
            }
        }
        assertThat(notIds).isEmpty();
        assertThat(revokedInOwn).as("Rampart's own rules name current ATT&CK ids").isEmpty();
        assertThat(ShippedRules.rampart()).isNotEmpty();
    }

    @Test
    void anAlertFromARuleTaggedWithARevokedIdCarriesTheCurrentOne() {
        String yaml = """
                title: Trail stopped (rule written before ATT&CK v19)
                id: 0b5a3c1e-7d2f-4e8a-9c61-2f3e4d5a6b70
                status: test
                tags:
                    - attack.defense-evasion
                    - attack.t1562.008
                logsource:
                    product: aws
                    service: cloudtrail
                detection:
                    selection:
                        eventName: StopLogging
                    condition: selection
                level: high
                """;
        RuleSet set = RuleSet.compile(List.of(new RuleSource("old.yml", yaml)), new RuleCompiler(Map.of()));
        assertThat(set.problems()).isEmpty();
        DetectionSession s = new DetectionSession(new DetectionEngine(set), DetectionOptions.defaults(),
                Clock.fixed(Detect.NOW, ZoneOffset.UTC), List.of());
        ObjectNode e = new ObjectMapper().createObjectNode();
        e.put("eventVersion", "1.09").put("eventTime", "2024-01-01T10:00:00Z").put("eventSource", "cloudtrail.amazonaws.com")
                .put("eventName", "StopLogging").put("awsRegion", "us-east-1").put("recipientAccountId", "111122223333");
        e.putObject("userIdentity").put("type", "IAMUser").put("arn", "arn:aws:iam::111122223333:user/alice");
        s.accept(EventClassifier.event(e, new Origin("t.json", 1)));
        SecurityAlert a = s.finish().alerts().get(0);
        assertThat(a.subTechniques()).as("the id in force, then the one it replaced").containsExactly("T1685.002", "T1562.008");
        assertThat(a.techniques()).containsExactly("T1685", "T1562");
        assertThat(a.rule().tags()).as("the rule's own tags are credited as written").contains("attack.t1562.008");
    }
}
