package io.rampart.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.expression.Values;
import io.rampart.policy.Json;

import java.util.List;

/**
 * Storage accounts as a client PUTs them through the server's ARM API, for the server harnesses:
 * the rest-example account ({@link Fixtures#STORAGE_SOURCE}) without id, name, type or etag, with
 * the location and tags each write asks for.
 *
 * <p>The rest example's firewall lets everything in ({@code networkAcls.defaultAction: Allow}),
 * which the server's live detection reports as a storage account exposed to public access (an
 * alert per write, and the subscription's incidents rebuilt with each). {@link #closed()} denies by
 * default instead, for a harness that measures something else than detection.
 */
final class StorageAccounts {

    static final String TYPE = "Microsoft.Storage/storageAccounts";
    static final String API = "?api-version=2023-01-01";

    private final String base;

    private StorageAccounts(ObjectNode body) {
        this.base = Values.toJson(body);
    }

    /** As the rest example has it: open to public networks. */
    static StorageAccounts asInRestExample() {
        return new StorageAccounts(restExample());
    }

    /** The rest example with its firewall denying by default (trusted Azure services still bypass it). */
    static StorageAccounts closed() {
        ObjectNode sa = restExample();
        sa.withObjectProperty("properties").withObjectProperty("networkAcls").put("defaultAction", "Deny");
        return new StorageAccounts(sa);
    }

    private static ObjectNode restExample() {
        ObjectNode sa = (ObjectNode) Fixtures.parse(Fixtures.restExampleText(Fixtures.STORAGE_SOURCE));
        sa.remove(List.of("id", "name", "type", "etag"));
        return sa;
    }

    /** The account's id (path) in {@code group}, with the api-version. */
    static String path(String group, String name) {
        return group + "/providers/" + TYPE + "/" + name + API;
    }

    /** Bytes of the body before its location and tags are set. */
    int size() {
        return base.length();
    }

    /** The body in {@code location} with exactly the tags {@code tags} (name, value, name, value ...). */
    String body(String location, String... tags) {
        ObjectNode b = (ObjectNode) Json.read(base, "storage account");
        b.put("location", location);
        ObjectNode t = b.putObject("tags");
        for (int i = 0; i + 1 < tags.length; i += 2) {
            t.put(tags[i], tags[i + 1]);
        }
        return Values.toJson(b);
    }
}
