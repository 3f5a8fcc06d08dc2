package io.rampart.store;

import java.util.Optional;

/**
 * Idempotency keys of writes made on someone's behalf (a remediation writing a resource as a
 * policy assignment's identity). {@link #record} joins the calling thread's transaction, so a key
 * recorded inside {@link Store#inTransaction} commits exactly when the write it belongs to does:
 * after a crash, {@link #find} says whether that write happened and what it did.
 */
public interface IdempotencyKeys {

    /**
     * Records a key with its result.
     *
     * @throws StoreException the key is recorded already (a key names one write)
     */
    void record(String key, String resourceId, com.fasterxml.jackson.databind.JsonNode result);

    Optional<IdempotentWrite> find(String key);
}
