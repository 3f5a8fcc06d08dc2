package io.rampart.expression.functions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rampart.expression.Values;

import java.util.List;

/** Small string algorithms shared by several functions. */
final class Strings {

    private Strings() {
    }

    /** Splits on any of the delimiters, keeping empty entries, as .NET String.Split does. */
    static ArrayNode split(String s, List<String> delimiters) {
        ArrayNode out = Values.array();
        int start = 0;
        int i = 0;
        outer:
        while (i < s.length()) {
            for (String d : delimiters) {
                if (!d.isEmpty() && s.startsWith(d, i)) {
                    out.add(s.substring(start, i));
                    i += d.length();
                    start = i;
                    continue outer;
                }
            }
            i++;
        }
        out.add(s.substring(start));
        return out;
    }
}
