package io.rampart.governance.model;

import java.util.List;

/** A named resource selector: a resource matches when it satisfies every selector. */
public record ResourceSelector(String name, List<Selector> selectors) {
    public ResourceSelector {
        selectors = List.copyOf(selectors);
    }
}
