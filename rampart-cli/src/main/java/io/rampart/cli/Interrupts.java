package io.rampart.cli;

/**
 * Ctrl-C (SIGINT) or SIGTERM (a CI job being cancelled) while a command waits on the server.
 * The JVM runs shutdown hooks and then exits (130 after Ctrl-C); {@link #jvm()} runs the action
 * as one. Tests pass their own to interrupt at a chosen moment.
 */
interface Interrupts {

    /** Runs {@code action} if the process is interrupted before the returned registration is closed. */
    Registration onInterrupt(Runnable action);

    /** Closing it withdraws the action (never throws). */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    static Interrupts jvm() {
        return action -> {
            Thread hook = new Thread(action, "rampart-interrupt");
            Runtime.getRuntime().addShutdownHook(hook);
            return () -> {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook runs (or ran)
                }
            };
        };
    }
}
