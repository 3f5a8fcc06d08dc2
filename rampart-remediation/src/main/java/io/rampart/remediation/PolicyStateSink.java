package io.rampart.remediation;

import io.rampart.governance.compliance.PolicyStateRecord;
import io.rampart.governance.scope.ArmId;

import java.util.List;

/** Receives a resource's policy states re-evaluated after its remediation (the server stores them as the latest states). */
@FunctionalInterface
public interface PolicyStateSink {

    PolicyStateSink NONE = (id, states) -> {
    };

    void record(ArmId resourceId, List<PolicyStateRecord> states);
}
