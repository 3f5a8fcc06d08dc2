package io.rampart.store;

/** The store could not do what was asked (the database failed, or the request cannot be stored). */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
