package io.rampart.policy;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The engine modules depend only downward and stay plain Java: the expression language knows
 * nothing of policies, neither knows the library or the CLI, neither reads files (callers pass
 * streams or text), and evaluation never reads the wall clock on its own (a clock is passed in).
 */
class LayeringTest {

    private static final JavaClasses ENGINE = EngineRules.mainClasses("io.rampart.expression", "io.rampart.policy");

    @Test
    void expressionLanguageDoesNotKnowPolicies() {
        noClasses().that().resideInAPackage("io.rampart.expression..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rampart.policy..", "io.rampart.library..", "io.rampart.cli..", "io.rampart.threat..")
                .check(ENGINE);
    }

    @Test
    void policyLanguageDoesNotKnowTheLayersAbove() {
        noClasses().that().resideInAPackage("io.rampart.policy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.rampart.library..", "io.rampart.governance..", "io.rampart.remediation..", "io.rampart.cli..", "io.rampart.bench..", "io.rampart.threat..")
                .check(ENGINE);
    }

    @Test
    void engineUsesNoFrameworkOrNetwork() {
        EngineRules.dependsOnNoneOf(EngineRules.FRAMEWORKS_AND_IO).check(ENGINE);
    }

    @Test
    void engineDoesNoFileIo() {
        EngineRules.doesNoFileIo().check(ENGINE);
    }

    @Test
    void evaluationReadsTimeOnlyFromTheClockItIsGiven() {
        // newGuid() is random in ARM too; the template engine gives it a value derived from its clock
        EngineRules.readsTimeOnlyFromItsClock().check(ENGINE);
    }
}
