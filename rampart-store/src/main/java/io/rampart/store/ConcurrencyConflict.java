package io.rampart.store;

/** An If-Match precondition failed: the resource changed (or vanished) since the caller read it. */
public final class ConcurrencyConflict extends StoreException {
    private final String id;

    public ConcurrencyConflict(String id, String message) {
        super(message);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
