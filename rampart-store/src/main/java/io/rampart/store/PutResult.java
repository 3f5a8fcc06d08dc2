package io.rampart.store;

/** The stored resource after a put, and whether the put created it (201) or replaced it (200). */
public record PutResult(StoredResource resource, boolean created) {
}
