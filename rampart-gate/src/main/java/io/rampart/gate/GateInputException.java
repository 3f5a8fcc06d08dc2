package io.rampart.gate;

import java.util.List;

/**
 * Input the gate can't use (an assignments file of the wrong shape, a policy that doesn't exist
 * or doesn't compile, parameters an assignment can't take). One line per problem, each naming the
 * file, line and column or JSON path, and what was expected. Front ends print the lines and exit
 * with their "bad input" code.
 */
public final class GateInputException extends RuntimeException {

    private final List<String> lines;

    public GateInputException(String line) {
        this(List.of(line));
    }

    public GateInputException(List<String> lines) {
        super(String.join("\n", lines), null, false, false);
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
