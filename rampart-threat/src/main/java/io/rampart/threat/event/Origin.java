package io.rampart.threat.event;

/**
 * Where an event came from: the file (or feed) name and the line (JSON lines) or the record's
 * 1-based position in a JSON array; {@code line} 0 when unknown.
 */
public record Origin(String source, long line) {

    @Override
    public String toString() {
        return line > 0 ? source + ":" + line : source;
    }
}
