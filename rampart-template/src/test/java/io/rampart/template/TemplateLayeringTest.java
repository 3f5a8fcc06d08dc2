package io.rampart.template;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.rampart.policy.EngineRules;
import org.junit.jupiter.api.Test;

/**
 * The template engine stays an engine module (docs/ARCHITECTURE.md): plain Java and Jackson, no
 * file I/O (linked templates come through LinkedTemplates), time only from the clock it is given,
 * no randomness (newGuid() is derived from the clock), nothing from the layers above.
 */
class TemplateLayeringTest {

    private static final JavaClasses ENGINE = EngineRules.mainClasses("io.rampart.template");

    @Test
    void dependsOnlyOnTheLayersBelow() {
        EngineRules.dependsOnNoFrameworkNor("io.rampart.library..", "io.rampart.cli..", "io.rampart.gate..", "io.rampart.bench..").check(ENGINE);
    }

    @Test
    void doesNoFileIo() {
        EngineRules.doesNoFileIo().check(ENGINE);
    }

    @Test
    void readsTimeOnlyFromItsClockAndHasNoRandomness() {
        EngineRules.readsTimeOnlyFromItsClockAndHasNoRandomness().check(ENGINE);
    }
}
