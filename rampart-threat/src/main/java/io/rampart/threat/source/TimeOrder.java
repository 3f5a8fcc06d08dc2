package io.rampart.threat.source;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads several sources completely and returns their records in event-time order (stable: equal
 * times keep their read order; records without a time keep their place after the timed ones;
 * malformed records first, in read order). Correlation windows and incidents assume time order,
 * and log files rarely give it across files (CloudTrail names its files by region before time).
 * Holds every event in memory: for logs larger than the heap, read them in file order instead.
 */
public final class TimeOrder {

    private TimeOrder() {
    }

    /** @param beforeEach called with each source before it is read (progress) */
    public static List<SourceRecord> read(List<? extends LogSource> sources, java.util.function.Consumer<LogSource> beforeEach) {
        List<SourceRecord> malformed = new ArrayList<>();
        List<SourceRecord.Event> events = new ArrayList<>();
        for (LogSource s : sources) {
            beforeEach.accept(s);
            s.drainTo(r -> {
                switch (r) {
                    case SourceRecord.Event e -> events.add(e);
                    case SourceRecord.Malformed m -> malformed.add(m);
                }
            });
        }
        events.sort(Comparator.comparing((SourceRecord.Event e) -> e.event().time(), Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
        List<SourceRecord> out = new ArrayList<>(malformed.size() + events.size());
        out.addAll(malformed);
        out.addAll(events);
        return out;
    }
}
