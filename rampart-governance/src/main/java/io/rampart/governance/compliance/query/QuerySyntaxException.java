package io.rampart.governance.compliance.query;

/** A query string Rampart can't parse or doesn't support; the message names what and where. */
public final class QuerySyntaxException extends RuntimeException {
    public QuerySyntaxException(String message) {
        super(message, null, false, false);
    }
}
