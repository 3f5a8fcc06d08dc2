package io.rampart.store;

/** A paging token that this store did not issue (the API answers 400). */
public final class InvalidContinuationToken extends StoreException {
    public InvalidContinuationToken(String token) {
        super("invalid continuation token '" + token + "'");
    }
}
