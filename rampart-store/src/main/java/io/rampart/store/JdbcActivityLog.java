package io.rampart.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class JdbcActivityLog implements ActivityLog {

    private final Jdbc jdbc;
    private final Json json;

    JdbcActivityLog(Jdbc jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public ActivityEvent append(ActivityEvent e) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into activity_log (event_id, correlation_id, event_time, caller, "
                    + "operation, status, http_status, resource_id, resource_key, subscription_id, resource_group, level_name, "
                    + "policy_outcome, properties) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", new String[] {"seq"})) {
                int i = 0;
                ps.setString(++i, e.eventId());
                ps.setString(++i, e.correlationId());
                ps.setLong(++i, e.timestamp().toEpochMilli());
                ps.setString(++i, e.caller());
                ps.setString(++i, e.operation());
                ps.setString(++i, e.status());
                ps.setInt(++i, e.httpStatus());
                ps.setString(++i, e.resourceId());
                ps.setString(++i, e.resourceId() == null ? null : ArmIdParts.key(e.resourceId()));
                ps.setString(++i, e.subscriptionId() == null ? null : ArmIdParts.key(e.subscriptionId()));
                ps.setString(++i, e.resourceGroup() == null ? null : ArmIdParts.key(e.resourceGroup()));
                ps.setString(++i, e.level());
                ps.setString(++i, json.write(e.policyOutcome()));
                ps.setString(++i, json.write(e.properties()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    long seq = keys.getLong(1);
                    return new ActivityEvent(seq, e.eventId(), e.correlationId(), e.timestamp(), e.caller(), e.operation(),
                            e.status(), e.httpStatus(), e.resourceId(), e.subscriptionId(), e.resourceGroup(), e.level(),
                            e.policyOutcome(), e.properties());
                }
            }
        });
    }

    @Override
    public Page<ActivityEvent> query(ActivityQuery q) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        clauses.add("event_time >= ?");
        args.add(q.from().toEpochMilli());
        clauses.add("event_time <= ?");
        args.add(q.to().toEpochMilli());
        q.subscriptionId().ifPresent(s -> {
            clauses.add("subscription_id = ?");
            args.add(ArmIdParts.key(s));
        });
        q.resourceGroup().ifPresent(g -> {
            clauses.add("resource_group = ?");
            args.add(ArmIdParts.key(g));
        });
        q.resourceUri().ifPresent(r -> {
            clauses.add("(resource_key = ? or resource_key like ? escape '!')");
            args.add(ArmIdParts.key(r));
            args.add(JdbcResources.likePrefix(ArmIdParts.key(r)));
        });
        q.correlationId().ifPresent(id -> {
            clauses.add("correlation_id = ?");
            args.add(id);
        });
        q.caller().ifPresent(id -> {
            clauses.add("caller = ?");
            args.add(id);
        });
        q.status().ifPresent(s -> {
            clauses.add("lower(status) = ?");
            args.add(s.toLowerCase(java.util.Locale.ROOT));
        });
        q.continuation().ifPresent(token -> {
            clauses.add("seq < ?");
            try {
                args.add(Long.parseLong(Continuation.decode(token)));
            } catch (NumberFormatException e) {
                throw new InvalidContinuationToken(token);
            }
        });
        String sql = "select * from activity_log where " + String.join(" and ", clauses)
                + " order by seq desc fetch first " + (q.limit() + 1) + " rows only";
        return jdbc.inTransaction(c -> {
            List<ActivityEvent> items = new ArrayList<>();
            boolean more = false;
            try (PreparedStatement ps = JdbcResources.bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    items.add(read(rs));
                }
            }
            Optional<String> next = more ? Optional.of(Continuation.encode(Long.toString(items.getLast().sequence()))) : Optional.empty();
            return new Page<>(items, next);
        });
    }

    private ActivityEvent read(ResultSet rs) throws SQLException {
        return new ActivityEvent(rs.getLong("seq"), rs.getString("event_id"), rs.getString("correlation_id"),
                Instant.ofEpochMilli(rs.getLong("event_time")), rs.getString("caller"), rs.getString("operation"),
                rs.getString("status"), rs.getInt("http_status"), rs.getString("resource_id"), rs.getString("subscription_id"),
                rs.getString("resource_group"), rs.getString("level_name"), json.read(rs.getString("policy_outcome")),
                json.read(rs.getString("properties")));
    }
}
