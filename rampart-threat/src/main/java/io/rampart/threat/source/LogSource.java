package io.rampart.threat.source;

import java.util.function.Consumer;

/**
 * A stream of log records: files read offline ({@code io.rampart.threat.io.LogFileReader}) or a
 * live feed ({@link ActivityLogFeed}, which Rampart's server publishes its activity log to).
 * {@link #drainTo} delivers every record in order and returns when the source is exhausted — for
 * a live source, when it is closed.
 */
public interface LogSource {

    /** A name for reports ("cloudtrail.json.gz", "rampart-server activity log"). */
    String name();

    void drainTo(Consumer<SourceRecord> sink);
}
