package io.rampart.template;

/**
 * The copy loops an evaluation is inside, innermost first: what {@code copyIndex()} reads.
 *
 * @param name       the loop's name ({@code copy.name}); may be empty for an output loop
 * @param index      the zero-based iteration
 * @param unnamedUse true when {@code copyIndex()} without a loop name means this loop (resource
 *                   and output loops); property and variable loops must be named
 * @param parent     the enclosing loop, or null
 */
record CopyContext(String name, int index, boolean unnamedUse, CopyContext parent) {

    static CopyContext enter(CopyContext outer, String name, int index, boolean unnamedUse) {
        return new CopyContext(name, index, unnamedUse, outer);
    }

    /** The loop copyIndex(name) reads; name null for copyIndex() without a name. */
    static CopyContext find(CopyContext innermost, String name) {
        for (CopyContext c = innermost; c != null; c = c.parent) {
            if (name == null ? c.unnamedUse : c.name.equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }
}
