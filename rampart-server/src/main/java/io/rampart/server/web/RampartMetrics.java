package io.rampart.server.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rampart's own meters, served in Prometheus format at /metrics next to Spring's
 * http_server_requests (every request by method, URI, status): policy denials, authentication
 * failures, policy evaluation latency, and compliance scan progress.
 */
public final class RampartMetrics {

    private final MeterRegistry registry;
    private final Timer evaluation;
    private final AtomicLong scanTotal = new AtomicLong();
    private final AtomicLong scanDone = new AtomicLong();

    public RampartMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("rampart.policy.evaluation").description("Time to decide a write against the policies that apply")
                .publishPercentileHistogram().register(registry);
        Gauge.builder("rampart.scan.resources.total", scanTotal, AtomicLong::get).description("Resources in the running compliance scan").register(registry);
        Gauge.builder("rampart.scan.resources.done", scanDone, AtomicLong::get).description("Resources evaluated so far in the running compliance scan").register(registry);
    }

    public void denial(String resourceType) {
        Counter.builder("rampart.policy.denials").description("Writes refused by policy").tag("type", resourceType.toLowerCase(java.util.Locale.ROOT))
                .register(registry).increment();
    }

    public void authenticationFailure(String code) {
        Counter.builder("rampart.auth.failures").description("Requests refused for authentication").tag("code", code).register(registry).increment();
    }

    public void authorizationFailure() {
        Counter.builder("rampart.authz.failures").description("Requests refused by RBAC (AuthorizationFailed)").register(registry).increment();
    }

    public void evaluation(long nanos) {
        evaluation.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void scanStarted(long total) {
        scanTotal.set(total);
        scanDone.set(0);
    }

    public void scanProgress(long done) {
        scanDone.set(done);
    }
}
