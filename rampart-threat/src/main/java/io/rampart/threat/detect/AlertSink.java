package io.rampart.threat.detect;

import io.rampart.threat.alert.SecurityAlert;

/**
 * Where new alerts go as they are raised (continuous export): a JSON-lines file, a webhook,
 * syslog — implementations live outside the engine ({@code io.rampart.threat.io}) — or a store
 * (the server's). A sink that fails reports it through {@link #problems}; detection goes on.
 */
public interface AlertSink extends AutoCloseable {

    void accept(SecurityAlert alert);

    /**
     * An alert this sink was given earlier changed: repeats folded into it (its count, end time,
     * entities and evidence grew). Exports of new alerts ignore it; a store keeps the alert current.
     */
    default void updated(SecurityAlert alert) {
    }

    /** A webhook call asked for by an automation (LogicApp/Webhook action). */
    default void webhook(String uri, SecurityAlert alert) {
    }

    default java.util.List<String> problems() {
        return java.util.List.of();
    }

    @Override
    default void close() {
    }
}
