package io.rampart.threat.sigma;

import java.util.List;

/**
 * A compiled detection: the rule's condition over its selections, as a tree. Immutable and
 * thread-safe; {@link #test} reads the event only through {@link Fields}.
 */
public sealed interface Matcher {

    boolean test(Fields event);

    record AllOf(List<Matcher> items) implements Matcher {
        public AllOf {
            items = List.copyOf(items);
        }

        @Override
        public boolean test(Fields event) {
            for (Matcher m : items) {
                if (!m.test(event)) {
                    return false;
                }
            }
            return true;
        }
    }

    record AnyOf(List<Matcher> items) implements Matcher {
        public AnyOf {
            items = List.copyOf(items);
        }

        @Override
        public boolean test(Fields event) {
            for (Matcher m : items) {
                if (m.test(event)) {
                    return true;
                }
            }
            return false;
        }
    }

    record Not(Matcher item) implements Matcher {
        @Override
        public boolean test(Fields event) {
            return !item.test(event);
        }
    }

    /** A named selection of the detection section, kept for explanations and event synthesis. */
    record Selection(String name, Matcher item) implements Matcher {
        @Override
        public boolean test(Fields event) {
            return item.test(event);
        }
    }

    /** {@code field: value(s)}: one of the patterns (all of them with {@code |all}) matches one of the field's values. */
    record FieldMatch(String field, List<String> modifiers, List<String> values, List<ValuePattern> patterns, boolean all) implements Matcher {
        public FieldMatch {
            modifiers = List.copyOf(modifiers);
            values = List.copyOf(values);
            patterns = List.copyOf(patterns);
        }

        @Override
        public boolean test(Fields event) {
            FieldValues v = event.get(field);
            if (!v.present()) {
                return false;
            }
            List<String> raw = v.raw();
            List<String> lower = v.lower();
            for (ValuePattern p : patterns) {
                boolean hit = false;
                for (int i = 0; i < raw.size(); i++) {
                    String r = raw.get(i);
                    if (r != null && p.test(r, lower.get(i))) {
                        hit = true;
                        break;
                    }
                }
                if (all && !hit) {
                    return false;
                }
                if (!all && hit) {
                    return true;
                }
            }
            return all && !patterns.isEmpty();
        }
    }

    /** {@code field: null}: the field is absent or null. */
    record FieldNull(String field) implements Matcher {
        @Override
        public boolean test(Fields event) {
            return event.get(field).isNull();
        }
    }

    /** {@code field|exists: true/false}. */
    record FieldExists(String field, boolean expected) implements Matcher {
        @Override
        public boolean test(Fields event) {
            return event.get(field).present() == expected;
        }
    }

    /** {@code field|fieldref: other}: the field's value equals (or starts/ends with, contains) the other field's value. */
    record FieldRef(String field, String other, ValuePattern.Text.Kind kind, boolean cased) implements Matcher {
        @Override
        public boolean test(Fields event) {
            FieldValues a = event.get(field);
            FieldValues b = event.get(other);
            if (!a.present() || !b.present()) {
                return false;
            }
            List<String> as = cased ? a.raw() : a.lower();
            List<String> bs = cased ? b.raw() : b.lower();
            for (String x : as) {
                for (String y : bs) {
                    if (x != null && y != null && switch (kind) {
                        case EXACT -> x.equals(y);
                        case PREFIX -> x.startsWith(y);
                        case SUFFIX -> x.endsWith(y);
                        case CONTAINS -> x.contains(y);
                    }) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Keywords: a pattern found in any text value of the event (one of them, or all with {@code |all}). */
    record Keywords(List<String> values, List<ValuePattern> patterns, boolean all) implements Matcher {
        public Keywords {
            values = List.copyOf(values);
            patterns = List.copyOf(patterns);
        }

        @Override
        public boolean test(Fields event) {
            List<String> texts = event.allTextLower();
            for (ValuePattern p : patterns) {
                boolean hit = false;
                for (String t : texts) {
                    if (p.test(t, t)) {
                        hit = true;
                        break;
                    }
                }
                if (all && !hit) {
                    return false;
                }
                if (!all && hit) {
                    return true;
                }
            }
            return all && !patterns.isEmpty();
        }
    }

    /** A constant (an empty "1 of" pattern in a rule that compiles anyway never exists; used by tests and synthesis). */
    record Constant(boolean value) implements Matcher {
        @Override
        public boolean test(Fields event) {
            return value;
        }
    }
}
