package io.rampart.threat.source;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The live source: Rampart's server {@link #publish}es each activity log event as it writes it;
 * a detection thread {@link #drainTo}s the feed into a {@code DetectionSession} until the feed is
 * {@link #close}d. Bounded, so a stalled detector slows the publisher instead of exhausting memory.
 */
public final class ActivityLogFeed implements LogSource, AutoCloseable {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;

    public ActivityLogFeed(int capacity) {
        this.queue = new LinkedBlockingQueue<>(capacity);
    }

    @Override
    public String name() {
        return ServerActivityLog.SOURCE_NAME;
    }

    /** Publishes one activity log event (ARM EventData JSON); blocks while the feed is full. */
    public void publish(JsonNode event) throws InterruptedException {
        if (closed) {
            throw new IllegalStateException("the activity log feed is closed");
        }
        queue.put(ServerActivityLog.toRecord(event, sequence.incrementAndGet()));
    }

    /**
     * Publishes one event without waiting: false when the feed is full (or closed), so a server
     * that must never be slowed by detection can drop the event and count it instead.
     */
    public boolean offer(JsonNode event) {
        if (closed) {
            return false;
        }
        return queue.offer(ServerActivityLog.toRecord(event, sequence.incrementAndGet()));
    }

    /** Events published and not yet taken by the detection thread. */
    public int pending() {
        return queue.size();
    }

    @Override
    public void drainTo(Consumer<SourceRecord> sink) {
        while (true) {
            Object next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next == END) {
                return;
            }
            sink.accept((SourceRecord) next);
        }
    }

    /** Ends the feed: {@link #drainTo} returns after the events already published. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                queue.put(END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
