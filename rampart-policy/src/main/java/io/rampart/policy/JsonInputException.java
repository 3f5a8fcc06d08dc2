package io.rampart.policy;

/** An input file is not readable JSON. The message names the file and, when known, line and column. */
public final class JsonInputException extends RuntimeException {

    private final String source;
    private final int line;
    private final int column;

    public JsonInputException(String source, int line, int column, String problem) {
        super(source + (line > 0 ? ":" + line + ":" + column : "") + ": " + problem, null, false, false);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
