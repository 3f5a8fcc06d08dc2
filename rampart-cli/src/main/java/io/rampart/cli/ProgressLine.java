package io.rampart.cli;

/**
 * "checking 3/40 infra/app.json" (or any status line) on a terminal's stderr, overwritten in place
 * at most every 50 ms (and always for the last item) and cleared at the end. Off when stderr is
 * not a terminal or there are no more than {@code threshold} items.
 */
final class ProgressLine {

    private static final long INTERVAL_NANOS = 50_000_000L;
    private static final int WIDTH = 78;

    private final Io io;
    private final boolean on;
    private long last;

    ProgressLine(Io io, int total, int threshold) {
        this.io = io;
        this.on = io.stderrTerminal() && total > threshold;
    }

    void step(String verb, int index, int total, String name) {
        if (!on) {
            return;
        }
        long t = System.nanoTime();
        if (t - last < INTERVAL_NANOS && index < total) {
            return;
        }
        last = t;
        print(String.format("%s %d/%d %s", verb, index, total, name));
    }

    /** Whether anything is shown (stderr is a terminal and the work is large enough). */
    boolean on() {
        return on;
    }

    /** Replaces the line with {@code line} now (for status that changes seconds apart, such as a polled task). */
    void show(String line) {
        if (on) {
            print(line);
        }
    }

    private void print(String text) {
        String line = text;
        if (line.length() > WIDTH) {
            line = line.substring(0, WIDTH);
        }
        io.err().print("\r" + line + "\u001b[K");
        io.err().flush();
    }

    void done() {
        if (on) {
            io.err().print("\r\u001b[K");
            io.err().flush();
        }
    }
}
