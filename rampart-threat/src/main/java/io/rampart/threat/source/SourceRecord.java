package io.rampart.threat.source;

import io.rampart.threat.event.LogEvent;
import io.rampart.threat.event.Origin;

/** What a log source delivers: an event, or a record it could not read (counted, reported, skipped). */
public sealed interface SourceRecord {

    record Event(LogEvent event) implements SourceRecord {
    }

    /** A line or record that is not valid JSON or not a log record; {@code message} says what was expected. */
    record Malformed(Origin origin, String message) implements SourceRecord {
    }
}
