package io.rampart.remediation;

import com.fasterxml.jackson.databind.JsonNode;
import io.rampart.governance.arm.ArmError;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.scope.ArmId;

import java.util.Optional;

/**
 * Writes a resource for a remediation: a PUT of the whole resource with the policy's changes
 * applied, made as the assignment's managed identity through the control plane's normal write
 * path (so policy is enforced again, as in Azure, where a remediation's write is an ordinary
 * request). The server implements it; tests use an in-memory or file-backed one.
 *
 * <p>Exactly-once contract: the writer records {@code idempotencyKey} atomically with the write
 * (the same transaction), and {@link #recorded} returns the result of a write made with that key.
 * A remediation resumed after a crash asks {@link #recorded} before writing again.
 */
public interface ResourceWriter {

    WriteResult write(ArmId resourceId, JsonNode body, ManagedIdentity identity, String idempotencyKey);

    /** The result of the write made with this key, if one was made. */
    Optional<WriteResult> recorded(String idempotencyKey);

    /** What a write did. */
    sealed interface WriteResult {
        /** @param body the resource as stored (what re-evaluation sees) */
        record Written(JsonNode body) implements WriteResult {
        }

        /** Policy (or another check of the write path) refused the write: its ARM error. */
        record Refused(ArmError error) implements WriteResult {
        }

        /** The resource no longer exists (a remediation never creates the resource it fixes). */
        record NotFound() implements WriteResult {
        }

        record Failed(String code, String message) implements WriteResult {
        }
    }
}
