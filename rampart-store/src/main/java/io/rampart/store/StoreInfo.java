package io.rampart.store;

/** The database behind a store: its kind, where it is (without credentials) and the schema version. */
public record StoreInfo(String vendor, String location, String schemaVersion) {
}
