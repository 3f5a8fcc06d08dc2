package io.rampart.threat.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.threat.source.ActivityLogFeed;
import io.rampart.threat.source.SourceRecord;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The non-blocking side of the live feed: a full or closed feed refuses instead of waiting. */
class ActivityLogFeedTest {

    private static ObjectNode event(String op) {
        ObjectNode e = new ObjectMapper().createObjectNode();
        e.putObject("operationName").put("value", op);
        e.put("eventTimestamp", "2026-03-02T10:00:00Z");
        e.put("resourceId", "/subscriptions/s/resourceGroups/rg");
        return e;
    }

    @Test
    void offerRefusesWhenFullAndAfterClose() {
        ActivityLogFeed feed = new ActivityLogFeed(2);
        assertThat(feed.offer(event("a/write"))).isTrue();
        assertThat(feed.offer(event("b/write"))).isTrue();
        assertThat(feed.offer(event("c/write"))).as("full").isFalse();
        assertThat(feed.pending()).isEqualTo(2);

        List<SourceRecord> drained = new ArrayList<>();
        Thread reader = new Thread(() -> feed.drainTo(drained::add));
        reader.start();
        feed.close();
        assertThat(feed.offer(event("d/write"))).as("closed").isFalse();
        try {
            reader.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertThat(drained).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(SourceRecord.Event.class));
    }
}
