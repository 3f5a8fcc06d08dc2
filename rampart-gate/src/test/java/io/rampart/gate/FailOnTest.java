package io.rampart.gate;

import io.rampart.policy.ComplianceState;
import io.rampart.policy.Effect;
import io.rampart.policy.EvaluationResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FailOnTest {

    @Test
    void thresholds() {
        assertThat(FailOn.DENY.blocks(Level.DENY)).isTrue();
        assertThat(FailOn.DENY.blocks(Level.AUDIT)).isFalse();
        assertThat(FailOn.AUDIT.blocks(Level.DENY)).isTrue();
        assertThat(FailOn.AUDIT.blocks(Level.AUDIT)).isTrue();
        for (FailOn f : FailOn.values()) {
            assertThat(f.blocks(Level.INFO)).as("info never blocks (%s)", f).isFalse();
        }
        assertThat(FailOn.NONE.blocks(Level.DENY)).isFalse();
        assertThat(FailOn.parse("Audit")).isEqualTo(FailOn.AUDIT);
        assertThat(FailOn.parse("warn")).isNull();
    }

    private static EvaluationResult result(ComplianceState s, Effect e, boolean matched, EvaluationResult.EvaluationError error) {
        return new EvaluationResult("p", true, s, e.displayName(), e, matched, List.of(), null, null, "r", error);
    }

    @Test
    void levelsFollowWhatAzureWouldDo() {
        assertThat(TemplateCheck.level(result(ComplianceState.NON_COMPLIANT, Effect.DENY, true, null), EnforcementMode.DEFAULT))
                .isEqualTo(Level.DENY);
        for (Effect e : List.of(Effect.AUDIT, Effect.AUDIT_IF_NOT_EXISTS, Effect.DEPLOY_IF_NOT_EXISTS, Effect.MODIFY, Effect.APPEND)) {
            assertThat(TemplateCheck.level(result(ComplianceState.NON_COMPLIANT, e, true, null), EnforcementMode.DEFAULT)).as("%s", e)
                    .isEqualTo(Level.AUDIT);
        }
        // A failed evaluation is an implicit deny, whatever the effect.
        var failed = new EvaluationResult.EvaluationError("EvaluationFailed", "boom", "$.x");
        assertThat(TemplateCheck.level(result(ComplianceState.NON_COMPLIANT, Effect.AUDIT, false, failed), EnforcementMode.DEFAULT))
                .isEqualTo(Level.DENY);
        assertThat(TemplateCheck.level(result(ComplianceState.UNKNOWN, Effect.DENY, false, null), EnforcementMode.DEFAULT))
                .isEqualTo(Level.INFO);
        assertThat(TemplateCheck.level(result(ComplianceState.NON_COMPLIANT, Effect.DENY, true, null), EnforcementMode.DO_NOT_ENFORCE))
                .isEqualTo(Level.INFO);
        assertThat(TemplateCheck.level(result(ComplianceState.COMPLIANT, Effect.DENY, false, null), EnforcementMode.DEFAULT)).isNull();
        var internal = new EvaluationResult.EvaluationError(TemplateCheck.INTERNAL_ERROR, "bug", null);
        assertThat(TemplateCheck.level(result(ComplianceState.ERROR, Effect.DENY, false, internal), EnforcementMode.DEFAULT))
                .isEqualTo(Level.INFO);
    }
}
