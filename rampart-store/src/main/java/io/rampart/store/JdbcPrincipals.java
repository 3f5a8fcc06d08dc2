package io.rampart.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

final class JdbcPrincipals implements Principals {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcPrincipals(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public Principal create(String id, String displayName, String kind) {
        long now = clock.millis();
        return jdbc.inTransaction(c -> {
            Optional<Principal> existing = find(c, id);
            if (existing.isPresent()) {
                return existing.get();
            }
            try (PreparedStatement ps = c.prepareStatement("insert into principals (id, display_name, kind, created_at) values (?,?,?,?)")) {
                ps.setString(1, id);
                ps.setString(2, displayName);
                ps.setString(3, kind);
                ps.setLong(4, now);
                ps.executeUpdate();
            }
            return new Principal(id, displayName, kind, Instant.ofEpochMilli(now));
        });
    }

    @Override
    public Optional<Principal> get(String id) {
        return jdbc.inTransaction(c -> find(c, id));
    }

    private static Optional<Principal> find(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select * from principals where id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Principal read(ResultSet rs) throws SQLException {
        return new Principal(rs.getString("id"), rs.getString("display_name"), rs.getString("kind"),
                Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    @Override
    public String issueToken(String principalId, String description, Optional<Instant> expiresAt) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = "rpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        insertToken(principalId, token, description, expiresAt);
        return token;
    }

    @Override
    public void registerToken(String principalId, String token, String description) {
        if (token == null || token.length() < 16) {
            throw new StoreException("a token must have at least 16 characters");
        }
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select principal_id from tokens where token_hash = ?")) {
                ps.setString(1, hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        if (!rs.getString(1).equals(principalId)) {
                            throw new StoreException("that token already belongs to another principal");
                        }
                        return null;
                    }
                }
            }
            insertToken(principalId, token, description, Optional.empty());
            return null;
        });
    }

    private void insertToken(String principalId, String token, String description, Optional<Instant> expiresAt) {
        long now = clock.millis();
        jdbc.inTransaction(c -> {
            if (find(c, principalId).isEmpty()) {
                throw new StoreException("no principal '" + principalId + "'");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into tokens (token_hash, principal_id, description, created_at, expires_at) values (?,?,?,?,?)")) {
                ps.setString(1, hash(token));
                ps.setString(2, principalId);
                ps.setString(3, description);
                ps.setLong(4, now);
                if (expiresAt.isPresent()) {
                    ps.setLong(5, expiresAt.get().toEpochMilli());
                } else {
                    ps.setNull(5, java.sql.Types.BIGINT);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<Principal> authenticate(String token, Instant now) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select p.* , t.expires_at from tokens t join principals p on p.id = t.principal_id "
                    + "where t.token_hash = ?")) {
                ps.setString(1, hash(token));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    long expires = rs.getLong("expires_at");
                    if (!rs.wasNull() && expires <= now.toEpochMilli()) {
                        return Optional.empty();
                    }
                    return Optional.of(read(rs));
                }
            }
        });
    }

    @Override
    public boolean revokeToken(String token) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from tokens where token_hash = ?")) {
                ps.setString(1, hash(token));
                return ps.executeUpdate() > 0;
            }
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
