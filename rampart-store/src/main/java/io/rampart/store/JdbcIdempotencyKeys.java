package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

final class JdbcIdempotencyKeys implements IdempotencyKeys {

    private final Jdbc jdbc;
    private final Json json;
    private final Clock clock;

    JdbcIdempotencyKeys(Jdbc jdbc, Json json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void record(String key, String resourceId, JsonNode result) {
        if (key == null || key.isBlank()) {
            throw new StoreException("an idempotency key must not be blank");
        }
        String text = json.write(result);
        if (text == null) {
            throw new StoreException("the result of idempotency key " + key + " must not be empty");
        }
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into idempotency_keys (idem_key, resource_id, result, recorded_at) values (?,?,?,?)")) {
                ps.setString(1, key);
                ps.setString(2, resourceId);
                ps.setString(3, text);
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<IdempotentWrite> find(String key) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select resource_id, result, recorded_at from idempotency_keys where idem_key = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new IdempotentWrite(key, rs.getString("resource_id"), json.read(rs.getString("result")),
                            Instant.ofEpochMilli(rs.getLong("recorded_at")))) : Optional.empty();
                }
            }
        });
    }
}
