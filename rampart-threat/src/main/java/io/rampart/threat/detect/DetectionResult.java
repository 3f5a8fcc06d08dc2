package io.rampart.threat.detect;

import io.rampart.threat.alert.SecurityAlert;
import io.rampart.threat.event.LogFamily;
import io.rampart.threat.incident.Incident;
import io.rampart.threat.sigma.RuleProblem;
import io.rampart.threat.source.SourceRecord;

import java.util.List;
import java.util.Map;

/**
 * What a detection run found.
 *
 * @param rules         rules in the set (compiled or not)
 * @param rulesCompiled rules that compiled (correlations included)
 * @param ruleProblems  rules that did not compile, with why
 * @param events        events read (malformed records not included)
 * @param perFamily     events per log family ({@code UNKNOWN}: records no rule applies to)
 * @param malformed     records that could not be read, with file and line
 * @param suppressed    alerts dropped by automations, with the automation's reason
 * @param sinkProblems  export failures (the run goes on)
 */
public record DetectionResult(
        int rules,
        int rulesCompiled,
        List<RuleProblem> ruleProblems,
        long events,
        Map<LogFamily, Long> perFamily,
        List<SourceRecord.Malformed> malformed,
        List<SecurityAlert> alerts,
        List<Incident> incidents,
        List<String> suppressed,
        List<String> sinkProblems) {

    public DetectionResult {
        ruleProblems = List.copyOf(ruleProblems);
        perFamily = Map.copyOf(perFamily);
        malformed = List.copyOf(malformed);
        alerts = List.copyOf(alerts);
        incidents = List.copyOf(incidents);
        suppressed = List.copyOf(suppressed);
        sinkProblems = List.copyOf(sinkProblems);
    }
}
