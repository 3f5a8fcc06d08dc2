package io.rampart.governance.enforce;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.expression.Values;
import io.rampart.governance.eval.Target;
import io.rampart.policy.EvaluationResult;
import io.rampart.policy.FieldResolver;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Modify conflicts for existing resources (effect-modify.md): when more than one matching Modify
 * member with conflictEffect deny would set the same property to different values, each of them
 * reports Conflict; otherwise each reports NonCompliant.
 */
public final class ModifyConflicts {

    private ModifyConflicts() {
    }

    /** The members (among matched, non-exempt Modify members) whose compliance state is Conflict. */
    public static Set<Target> conflicting(FieldResolver fields, Map<Target, EvaluationResult> matched) {
        RequestMutator mutator = new RequestMutator(fields);
        Map<String, Map<Target, JsonNode>> byKey = new LinkedHashMap<>();
        for (Map.Entry<Target, EvaluationResult> e : matched.entrySet()) {
            for (RequestMutator.Op op : Enforcer.operations(e.getKey(), e.getValue())) {
                try {
                    byKey.computeIfAbsent(mutator.key(op.field()), k -> new LinkedHashMap<>()).put(e.getKey(), RequestMutator.outcome(op));
                } catch (RequestMutator.FailedOp f) {
                    // an operation on a field that names nothing can't conflict
                }
            }
        }
        Set<Target> out = new LinkedHashSet<>();
        for (Map<Target, JsonNode> m : byKey.values()) {
            if (m.size() < 2 || m.values().stream().map(Values::toJson).distinct().count() < 2) {
                continue;
            }
            List<Target> denying = m.keySet().stream().filter(t -> Enforcer.conflictEffect(t, matched.get(t)).equals("deny")).toList();
            if (denying.size() > 1) {
                out.addAll(denying);
            }
        }
        return out;
    }
}
