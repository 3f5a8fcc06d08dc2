package io.rampart.store;

import java.util.Optional;

/** Resources by ARM id (case-insensitive, spelling of the first write kept). */
public interface Resources {

    Optional<StoredResource> get(String id);

    /**
     * Creates or replaces a resource. The caller has checked that its parent exists; the store
     * keeps created time and creator across replacements and issues a new etag.
     *
     * @throws ConcurrencyConflict when an If-Match / If-None-Match precondition fails
     */
    PutResult put(ResourceWrite write);

    /** Deletes one resource; false when there was none. */
    boolean delete(String id);

    /** Deletes a resource and everything whose id is under it (a resource group and its contents). Returns how many. */
    int deleteTree(String id);

    Page<StoredResource> list(ResourceQuery query);

    long count(ResourceQuery query);
}
