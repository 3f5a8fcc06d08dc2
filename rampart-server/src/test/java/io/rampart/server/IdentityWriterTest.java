package io.rampart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.governance.remediate.ManagedIdentity;
import io.rampart.governance.scope.ArmId;
import io.rampart.remediation.ResourceWriter.WriteResult;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.ResourceService;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.remediation.IdentityWriter;
import io.rampart.store.Store;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The remediation writer on the server's write path, directly: a write as the identity is
 * recorded with its key and answered from it when repeated (no second write); a body made from a
 * version another request has since replaced is not written; a resource that is gone is NotFound;
 * an identity without a principal or without the permission is refused with ARM's error — and
 * each of these is in the activity log or the key table as it should be.
 */
class IdentityWriterTest extends ServerTestBase {

    @Autowired
    ResourceService resources;
    @Autowired
    Store store;
    @Autowired
    ResourceShapes shapes;
    @Autowired
    ActivityRecorder activity;

    IdentityWriter writer() {
        return new IdentityWriter(resources, store, shapes, activity, IdentityWriter.Mode.EXISTING_ONLY);
    }

    @Test
    void writesAsTheIdentityOnceAndNeverOverAnotherWrite() throws Exception {
        String sub = newSubscription();
        String rg = "/subscriptions/" + sub + "/resourceGroups/rg-w";
        admin("PUT", rg + "?api-version=2021-04-01", "{\"location\":\"eastus\"}");
        String id = rg + "/providers/Microsoft.Storage/storageAccounts/sa";
        JsonNode v1 = admin("PUT", id + "?api-version=2023-01-01", "{\"location\":\"eastus\",\"tags\":{\"a\":\"1\"},\"properties\":{}}").body();
        Principal identity = newPrincipal("identity");
        assignRole(identity, CONTRIBUTOR, rg);
        ManagedIdentity mi = new ManagedIdentity("SystemAssigned", identity.id(), null);
        Instant since = Instant.now().minusSeconds(2);

        // another request replaces the resource after the remediation read v1: v1 with a tag must not be written over it
        Thread.sleep(5);
        admin("PUT", id + "?api-version=2023-01-01", "{\"location\":\"eastus\",\"tags\":{\"a\":\"2\"},\"properties\":{}}");
        ObjectNode stale = v1.deepCopy();
        ((ObjectNode) stale.get("tags")).put("owner", "platform");
        WriteResult refused = writer().write(ArmId.parse(id), stale, mi, "k-stale");
        assertThat(refused).isInstanceOfSatisfying(WriteResult.Failed.class, f -> assertThat(f.code()).isEqualTo("ResourceChanged"));
        assertThat(admin("GET", id + "?api-version=2023-01-01", null).body().path("tags").path("a").asText()).isEqualTo("2");
        assertThat(writer().recorded("k-stale")).contains(refused);

        ObjectNode fresh = admin("GET", id + "?api-version=2023-01-01", null).body().deepCopy();
        ((ObjectNode) fresh.get("tags")).put("owner", "platform");
        WriteResult written = writer().write(ArmId.parse(id), fresh, mi, "k-fresh");
        assertThat(written).isInstanceOf(WriteResult.Written.class);
        assertThat(((WriteResult.Written) written).body().path("tags").path("owner").asText()).isEqualTo("platform");
        assertThat(((WriteResult.Written) written).body().path("systemData").path("lastModifiedBy").asText()).isEqualTo(identity.id());
        // the same key again (a resumed task): the recorded result, no second write
        assertThat(writer().write(ArmId.parse(id), fresh, mi, "k-fresh")).isInstanceOf(WriteResult.Written.class);
        assertThat(writer().recorded("k-fresh").orElseThrow()).isInstanceOf(WriteResult.Written.class);
        JsonNode log = admin("GET", "/subscriptions/" + sub + "/providers/Microsoft.Insights/eventtypes/management/values?api-version=2015-04-01&$filter="
                + java.net.URLEncoder.encode("eventTimestamp ge '" + since + "' and caller eq '" + identity.id() + "'", java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20"), null).body().path("value");
        assertThat(log).as("one Succeeded write by the identity (the stale body was never sent)").hasSize(1);
        assertThat(log.get(0).path("status").path("value").asText()).isEqualTo("Succeeded");
    }

    @Test
    void refusesWhatTheIdentityMayNotDoAndWhatIsGone() {
        String sub = newSubscription();
        String rg = "/subscriptions/" + sub + "/resourceGroups/rg-r";
        admin("PUT", rg + "?api-version=2021-04-01", "{\"location\":\"eastus\"}");
        String id = rg + "/providers/Microsoft.Storage/storageAccounts/sa";
        JsonNode body = admin("PUT", id + "?api-version=2023-01-01", "{\"location\":\"eastus\",\"properties\":{}}").body();
        Principal reader = newPrincipal("reader-identity");
        assignRole(reader, READER, rg);

        WriteResult denied = writer().write(ArmId.parse(id), body, new ManagedIdentity("SystemAssigned", reader.id(), null), "k-" + UUID.randomUUID());
        assertThat(denied).isInstanceOfSatisfying(WriteResult.Refused.class, r -> {
            assertThat(r.error().status()).isEqualTo(403);
            assertThat(r.error().code()).isEqualTo("AuthorizationFailed");
            assertThat(r.error().message()).contains(reader.id()).contains("Microsoft.Storage/storageAccounts/write");
        });
        WriteResult noPrincipal = writer().write(ArmId.parse(id), body, new ManagedIdentity("SystemAssigned", null, null), "k-" + UUID.randomUUID());
        assertThat(noPrincipal).isInstanceOfSatisfying(WriteResult.Refused.class, r -> assertThat(r.error().code()).isEqualTo("AuthorizationFailed"));
        WriteResult gone = writer().write(ArmId.parse(rg + "/providers/Microsoft.Storage/storageAccounts/never"), body,
                new ManagedIdentity("SystemAssigned", reader.id(), null), "k-" + UUID.randomUUID());
        assertThat(gone).isInstanceOf(WriteResult.NotFound.class);
    }
}
