package io.rampart.server.remediation;

import io.rampart.remediation.KillPoints;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The crash test's switch, off unless the JVM is started with
 * {@code -Drampart.test.remediation-kill=POINT@N}: the N-th time any remediation worker reaches the
 * engine's kill point POINT (claimed, deploying, acted, recorded) the process halts at once
 * (exit 137, no shutdown hooks — what SIGKILL does), so the fault test can kill the server at an
 * exact step of a task and check that the restarted server remediates every resource exactly once.
 */
final class SystemPropertyKillPoints implements KillPoints {

    static final String PROPERTY = "rampart.test.remediation-kill";

    private final String point;
    private final int count;
    private final AtomicInteger reached = new AtomicInteger();

    private SystemPropertyKillPoints(String point, int count) {
        this.point = point;
        this.count = count;
    }

    /** {@link KillPoints#NONE} unless the property is set (a malformed value is an error at start, not a silent no-op). */
    static KillPoints fromSystemProperties() {
        String spec = System.getProperty(PROPERTY);
        if (spec == null || spec.isBlank()) {
            return KillPoints.NONE;
        }
        int at = spec.indexOf('@');
        if (at <= 0) {
            throw new IllegalArgumentException(PROPERTY + " must be POINT@N (e.g. deploying@25), not '" + spec + "'");
        }
        return new SystemPropertyKillPoints(spec.substring(0, at).strip(), Integer.parseInt(spec.substring(at + 1).strip()));
    }

    @Override
    public void reached(String p) {
        if (p.equals(point) && reached.incrementAndGet() == count) {
            Runtime.getRuntime().halt(137);
        }
    }
}
