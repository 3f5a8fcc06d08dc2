package io.rampart.remediation;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.rampart.policy.EngineRules;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Remediation is an engine module (docs/ARCHITECTURE.md): plain Java and Jackson above governance
 * and the template engine; no framework, no network, no file I/O (the store, the writer and the
 * deployment runner are the server's), time only from its clock, threads only from the executor
 * it is given, no randomness.
 */
class RemediationLayeringTest {

    private static final JavaClasses MAIN = EngineRules.mainClasses("io.rampart.remediation");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        EngineRules.dependsOnNoFrameworkNor("io.rampart.cli..", "io.rampart.gate..", "io.rampart.bench..", "io.rampart.server..",
                "io.rampart.store..").check(MAIN);
    }

    @Test
    void doesNoFileIoAndStartsNoThreads() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.io.File")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.concurrent.Executors")
                .orShould().callConstructor(Thread.class, Runnable.class)
                .check(MAIN);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        EngineRules.readsTimeOnlyFromItsClockAndHasNoRandomness().check(MAIN);
    }
}
