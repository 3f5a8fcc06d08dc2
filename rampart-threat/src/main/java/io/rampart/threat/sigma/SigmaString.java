package io.rampart.threat.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma value string split into literal text and wildcards (Sigma specification, "Wildcards"
 * and "Escaping"): {@code *} any run of characters, {@code ?} one character; a backslash escapes
 * {@code *}, {@code ?} and itself, and before anything else is a plain backslash.
 */
record SigmaString(List<Part> parts) {

    sealed interface Part permits Literal, Many, One {
    }

    record Literal(String text) implements Part {
    }

    record Many() implements Part {
    }

    record One() implements Part {
    }

    static final Many MANY = new Many();
    static final One ONE = new One();

    SigmaString {
        parts = List.copyOf(parts);
    }

    static SigmaString parse(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length() && "*?\\".indexOf(s.charAt(i + 1)) >= 0) {
                lit.append(s.charAt(++i));
            } else if (c == '*' || c == '?') {
                if (!lit.isEmpty()) {
                    parts.add(new Literal(lit.toString()));
                    lit.setLength(0);
                }
                parts.add(c == '*' ? MANY : ONE);
            } else {
                lit.append(c);
            }
        }
        if (!lit.isEmpty()) {
            parts.add(new Literal(lit.toString()));
        }
        return new SigmaString(parts);
    }

    static SigmaString literal(String s) {
        return new SigmaString(s.isEmpty() ? List.of() : List.of(new Literal(s)));
    }

    boolean hasWildcards() {
        for (Part p : parts) {
            if (!(p instanceof Literal)) {
                return true;
            }
        }
        return false;
    }

    /** The text when there are no wildcards. */
    String plain() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Literal l) {
                b.append(l.text());
            }
        }
        return b.toString();
    }

    SigmaString prependMany() {
        if (!parts.isEmpty() && parts.get(0) instanceof Many) {
            return this;
        }
        List<Part> p = new ArrayList<>();
        p.add(MANY);
        p.addAll(parts);
        return new SigmaString(p);
    }

    SigmaString appendMany() {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof Many) {
            return this;
        }
        List<Part> p = new ArrayList<>(parts);
        p.add(MANY);
        return new SigmaString(p);
    }

    /** Rewrites each literal part's text. */
    SigmaString mapLiterals(java.util.function.UnaryOperator<String> f) {
        List<Part> p = new ArrayList<>();
        for (Part part : parts) {
            p.add(part instanceof Literal l ? new Literal(f.apply(l.text())) : part);
        }
        return new SigmaString(p);
    }

    /** Text form with wildcards written as * and ? and special characters escaped (round-trips through parse). */
    String toSigma() {
        StringBuilder b = new StringBuilder();
        for (Part p : parts) {
            switch (p) {
                case Literal l -> {
                    for (char c : l.text().toCharArray()) {
                        if (c == '*' || c == '?' || c == '\\') {
                            b.append('\\');
                        }
                        b.append(c);
                    }
                }
                case Many m -> b.append('*');
                case One o -> b.append('?');
            }
        }
        return b.toString();
    }
}
