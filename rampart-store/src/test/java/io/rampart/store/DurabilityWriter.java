package io.rampart.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;

/**
 * The child process of {@link KillDashNineTest}: writes resources with their activity-log entry
 * (one transaction each) as fast as it can, printing "ACK n" after each commit returns, until it
 * is killed.
 */
public final class DurabilityWriter {

    static final String RG = "/subscriptions/00000000-0000-0000-0000-00000000d00d/resourceGroups/burst";

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        Store store = Store.open(StoreConfig.h2File(dir));
        System.out.println("READY");
        System.out.flush();
        for (int n = 0; ; n++) {
            String id = RG + "/providers/Microsoft.Storage/storageAccounts/sa" + n;
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("location", "westeurope");
            String payload = "x".repeat(2000) + n;
            body.putObject("properties").put("payload", payload).put("length", payload.length());
            String eventId = UUID.randomUUID().toString();
            int number = n;
            store.inTransaction(() -> {
                store.resources().put(ResourceWrite.of(id, "Microsoft.Storage/storageAccounts", body, "writer"));
                store.activityLog().append(new ActivityEvent(0, eventId, "burst-" + number, Instant.now(), "writer",
                        "Microsoft.Storage/storageAccounts/write", "Succeeded", 201, id, "00000000-0000-0000-0000-00000000d00d",
                        "burst", "Informational", null, null));
            });
            System.out.println("ACK " + n);
            System.out.flush();
        }
    }
}
