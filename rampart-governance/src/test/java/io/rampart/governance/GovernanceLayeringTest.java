package io.rampart.governance;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.rampart.policy.EngineRules;
import org.junit.jupiter.api.Test;

/**
 * The governance core stays an engine module (docs/ARCHITECTURE.md): plain Java and Jackson, no
 * framework, no network, no file I/O (the server's store supplies definitions and resources),
 * time only from the clock it is given, no randomness, nothing from the layers above.
 */
class GovernanceLayeringTest {

    private static final JavaClasses CORE = EngineRules.mainClasses("io.rampart.governance");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        EngineRules.dependsOnNoFrameworkNor("io.rampart.cli..", "io.rampart.gate..", "io.rampart.remediation..", "io.rampart.bench..",
                "io.rampart.server..").check(CORE);
    }

    @Test
    void doesNoFileIo() {
        EngineRules.doesNoFileIo().check(CORE);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        EngineRules.readsTimeOnlyFromItsClockAndHasNoRandomness().check(CORE);
    }
}
