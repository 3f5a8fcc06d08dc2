package io.rampart.store;

import java.util.List;
import java.util.Optional;

/** One page of a listing, and the opaque token that continues it (absent on the last page). */
public record Page<T>(List<T> items, Optional<String> continuation) {
    public Page {
        items = List.copyOf(items);
    }
}
