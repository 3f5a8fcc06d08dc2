package io.rampart.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class JdbcResources implements Resources {

    private static final String COLUMNS =
            "id, type, type_key, scope_key, name, subscription_id, resource_group, body, etag, created_at, created_by, changed_at, changed_by";

    private final Jdbc jdbc;
    private final Json json;
    private final Clock clock;

    JdbcResources(Jdbc jdbc, Json json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Optional<StoredResource> get(String id) {
        return jdbc.inTransaction(c -> find(c, ArmIdParts.key(id)));
    }

    private Optional<StoredResource> find(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select " + COLUMNS + " from resources where id_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    @Override
    public PutResult put(ResourceWrite write) {
        // Two first writes of the same id race to insert; the loser retries as an update.
        for (int attempt = 1; ; attempt++) {
            try {
                return putOnce(write);
            } catch (StoreException e) {
                if (attempt >= 3 || !Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                if (jdbc.inTransactionAlready()) {
                    throw new ConcurrencyConflict(write.id(), "another request created " + write.id() + " at the same time");
                }
            }
        }
    }

    private PutResult putOnce(ResourceWrite write) {
        ArmIdParts parts = ArmIdParts.of(write.id());
        String key = ArmIdParts.key(write.id());
        String body = json.write(write.body());
        return jdbc.inTransaction(c -> {
            Optional<StoredResource> existing = find(c, key);
            checkPreconditions(write, existing);
            long now = clock.millis();
            String etag = UUID.randomUUID().toString();
            if (existing.isPresent()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "update resources set type = ?, type_key = ?, body = ?, etag = ?, changed_at = ?, changed_by = ? where id_key = ?")) {
                    ps.setString(1, write.type());
                    ps.setString(2, ArmIdParts.key(write.type()));
                    ps.setString(3, body);
                    ps.setString(4, etag);
                    ps.setLong(5, now);
                    ps.setString(6, write.actor());
                    ps.setString(7, key);
                    ps.executeUpdate();
                }
                StoredResource old = existing.get();
                return new PutResult(new StoredResource(old.id(), write.type(), old.scope(), old.name(), old.subscriptionId(),
                        old.resourceGroup(), write.body(), etag, old.createdAt(), old.createdBy(),
                        Instant.ofEpochMilli(now), write.actor()), false);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into resources (id_key, id, scope_key, type, type_key, subscription_id, "
                    + "resource_group, name, body, etag, created_at, created_by, changed_at, changed_by) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                int i = 0;
                ps.setString(++i, key);
                ps.setString(++i, write.id());
                ps.setString(++i, ArmIdParts.key(parts.scope()));
                ps.setString(++i, write.type());
                ps.setString(++i, ArmIdParts.key(write.type()));
                ps.setString(++i, parts.subscriptionId());
                ps.setString(++i, parts.resourceGroup() == null ? null : ArmIdParts.key(parts.resourceGroup()));
                ps.setString(++i, parts.name());
                ps.setString(++i, body);
                ps.setString(++i, etag);
                ps.setLong(++i, now);
                ps.setString(++i, write.actor());
                ps.setLong(++i, now);
                ps.setString(++i, write.actor());
                ps.executeUpdate();
            }
            Instant at = Instant.ofEpochMilli(now);
            return new PutResult(new StoredResource(write.id(), write.type(), parts.scope(), parts.name(), parts.subscriptionId(),
                    parts.resourceGroup(), write.body(), etag, at, write.actor(), at, write.actor()), true);
        });
    }

    private static void checkPreconditions(ResourceWrite write, Optional<StoredResource> existing) {
        write.ifMatch().ifPresent(tag -> {
            if (existing.isEmpty()) {
                throw new ConcurrencyConflict(write.id(), "If-Match " + tag + ": the resource does not exist");
            }
            if (!tag.equals("*") && !unquote(tag).equals(existing.get().etag())) {
                throw new ConcurrencyConflict(write.id(), "If-Match " + tag + ": the resource has changed (etag \"" + existing.get().etag() + "\")");
            }
        });
        write.ifNoneMatch().ifPresent(tag -> {
            if (existing.isPresent() && (tag.equals("*") || unquote(tag).equals(existing.get().etag()))) {
                throw new ConcurrencyConflict(write.id(), "If-None-Match " + tag + ": the resource already exists");
            }
        });
    }

    private static String unquote(String tag) {
        String t = tag.startsWith("W/") ? tag.substring(2) : tag;
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    @Override
    public boolean delete(String id) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from resources where id_key = ?")) {
                ps.setString(1, ArmIdParts.key(id));
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int deleteTree(String id) {
        String key = ArmIdParts.key(id);
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from resources where id_key = ? or id_key like ? escape '!'")) {
                ps.setString(1, key);
                ps.setString(2, likePrefix(key));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public Page<StoredResource> list(ResourceQuery query) {
        List<Object> args = new ArrayList<>();
        String where = where(query, args);
        query.continuation().ifPresent(token -> args.add(Continuation.decode(token)));
        String sql = "select " + COLUMNS + ", id_key from resources where " + where
                + (query.continuation().isPresent() ? " and id_key > ?" : "")
                + " order by id_key fetch first " + (query.limit() + 1) + " rows only";
        return jdbc.inTransaction(c -> {
            List<StoredResource> items = new ArrayList<>();
            String lastKey = null;
            boolean more = false;
            try (PreparedStatement ps = bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == query.limit()) {
                        more = true;
                        break;
                    }
                    items.add(read(rs));
                    lastKey = rs.getString("id_key");
                }
            }
            return new Page<>(items, more ? Optional.of(Continuation.encode(lastKey)) : Optional.empty());
        });
    }

    @Override
    public long count(ResourceQuery query) {
        List<Object> args = new ArrayList<>();
        String sql = "select count(*) from resources where " + where(query, args);
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static String where(ResourceQuery query, List<Object> args) {
        List<String> clauses = new ArrayList<>();
        clauses.add("1 = 1");
        query.scope().ifPresent(scope -> {
            clauses.add("scope_key = ?");
            args.add(ArmIdParts.key(scope.equals("/") ? "/" : scope));
        });
        query.under().ifPresent(prefix -> {
            clauses.add("id_key like ? escape '!'");
            args.add(likePrefix(ArmIdParts.key(prefix)));
        });
        query.type().ifPresent(type -> {
            clauses.add("type_key = ?");
            args.add(ArmIdParts.key(type));
        });
        return String.join(" and ", clauses);
    }

    /** "prefix/%" with LIKE's wildcards in the prefix escaped; "/" (the tenant) matches everything. */
    static String likePrefix(String key) {
        if (key.equals("/")) {
            return "/%";
        }
        return key.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%";
    }

    static PreparedStatement bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
        return ps;
    }

    private StoredResource read(ResultSet rs) throws SQLException {
        JsonNode body = json.read(rs.getString("body"));
        String id = rs.getString("id");
        ArmIdParts parts = ArmIdParts.of(id);
        return new StoredResource(id, rs.getString("type"), parts.scope(), rs.getString("name"),
                rs.getString("subscription_id"), parts.resourceGroup(), body, rs.getString("etag"),
                Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("changed_at")), rs.getString("changed_by"));
    }
}
