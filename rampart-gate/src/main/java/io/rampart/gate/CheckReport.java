package io.rampart.gate;

import java.util.List;

/**
 * The outcome of a gate run over one or more templates.
 *
 * @param templates the templates, in the order checked (sorted by path in folder mode)
 * @param failOn    the threshold the run was judged by
 * @param policies  what was applied (one entry per assignment)
 */
public record CheckReport(List<TemplateReport> templates, FailOn failOn, List<PolicySet.AssignmentSummary> policies) {

    public CheckReport {
        templates = List.copyOf(templates);
        policies = List.copyOf(policies);
    }

    /** Counts over the run (the JSON {@code summary} object). */
    public record Summary(int templates, int expanded, int failed, int resources, int findings, int blocking, int deny, int audit,
                          int info, int checks) {
    }

    public Summary summary() {
        int expanded = 0;
        int failed = 0;
        int resources = 0;
        int findings = 0;
        int blocking = 0;
        int deny = 0;
        int audit = 0;
        int info = 0;
        int checks = 0;
        for (TemplateReport t : templates) {
            if (t.failed()) {
                failed++;
            } else {
                expanded++;
            }
            resources += t.resources().size();
            checks += t.checks().size();
            for (Finding f : t.findings()) {
                findings++;
                if (failOn.blocks(f.level())) {
                    blocking++;
                }
                switch (f.level()) {
                    case DENY -> deny++;
                    case AUDIT -> audit++;
                    case INFO -> info++;
                }
            }
        }
        return new Summary(templates.size(), expanded, failed, resources, findings, blocking, deny, audit, info, checks);
    }

    /** Whether a finding blocks under this run's threshold. */
    public boolean blocks(Finding f) {
        return failOn.blocks(f.level());
    }

    /**
     * Whether the run passes: no blocking finding, and — unless {@code --fail-on none} — no
     * template that failed to expand (ARM would refuse it, and its resources went unchecked).
     */
    public boolean passed() {
        Summary s = summary();
        return s.blocking() == 0 && (failOn == FailOn.NONE || s.failed() == 0);
    }
}
