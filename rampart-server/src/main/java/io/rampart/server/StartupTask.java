package io.rampart.server;

/** Work to do once the server has started and {@link Bootstrap} has put what is stored in force (e.g. resuming remediation tasks). */
@FunctionalInterface
public interface StartupTask {

    void started();
}
