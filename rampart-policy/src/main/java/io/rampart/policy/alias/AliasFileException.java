package io.rampart.policy.alias;

/** A line of an alias file is malformed. */
public final class AliasFileException extends RuntimeException {

    public AliasFileException(String source, int line, String problem) {
        super(source + ":" + line + ": " + problem, null, false, false);
    }
}
