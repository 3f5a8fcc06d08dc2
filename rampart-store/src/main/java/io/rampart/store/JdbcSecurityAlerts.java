package io.rampart.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

final class JdbcSecurityAlerts implements SecurityAlerts {

    /** Every alert read joins its subscriptions: {@code a} is security_alerts. */
    private static final String SELECT = "select a.seq, a.alert_id, a.alert_type, a.status, a.start_time, a.end_time, "
            + "a.status_changed_at, a.body from security_alerts a ";

    private final Jdbc jdbc;
    private final Json json;

    JdbcSecurityAlerts(Jdbc jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public StoredAlert put(AlertWrite w) {
        return jdbc.inTransaction(c -> {
            int updated;
            try (PreparedStatement ps = c.prepareStatement("update security_alerts set alert_type = ?, start_time = ?, end_time = ?, body = ? "
                    + "where alert_id = ?")) {
                ps.setString(1, w.alertType());
                ps.setLong(2, w.startTime().toEpochMilli());
                ps.setLong(3, w.endTime().toEpochMilli());
                ps.setString(4, json.write(w.body()));
                ps.setString(5, w.id());
                updated = ps.executeUpdate();
            }
            if (updated == 0) {
                try (PreparedStatement ps = c.prepareStatement("insert into security_alerts (alert_id, alert_type, status, start_time, "
                        + "end_time, body) values (?,?,?,?,?,?)")) {
                    ps.setString(1, w.id());
                    ps.setString(2, w.alertType());
                    ps.setString(3, w.status());
                    ps.setLong(4, w.startTime().toEpochMilli());
                    ps.setLong(5, w.endTime().toEpochMilli());
                    ps.setString(6, json.write(w.body()));
                    ps.executeUpdate();
                }
            }
            try (PreparedStatement ps = c.prepareStatement("delete from security_alert_scopes where alert_id = ?")) {
                ps.setString(1, w.id());
                ps.executeUpdate();
            }
            TreeSet<String> keys = new TreeSet<>();
            w.subscriptions().forEach(s -> keys.add(key(s)));
            if (!keys.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement("insert into security_alert_scopes (subscription_key, alert_id) values (?,?)")) {
                    for (String k : keys) {
                        ps.setString(1, k);
                        ps.setString(2, w.id());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return read(c, "where a.alert_id = ?", w.id()).get(0);
        });
    }

    @Override
    public Optional<StoredAlert> get(String alertId) {
        return jdbc.inTransaction(c -> read(c, "where a.alert_id = ?", alertId).stream().findFirst());
    }

    @Override
    public List<StoredAlert> inSubscription(String subscriptionId) {
        return jdbc.inTransaction(c -> read(c, "where a.alert_id in (select alert_id from security_alert_scopes where subscription_key = ?)",
                key(subscriptionId)));
    }

    @Override
    public List<StoredAlert> endingSince(Instant since) {
        return jdbc.inTransaction(c -> read(c, "where a.end_time >= ?", since.toEpochMilli()));
    }

    @Override
    public Optional<StoredAlert> setStatus(String alertId, String status, Instant at) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update security_alerts set status = ?, status_changed_at = ? "
                    + "where alert_id = ? and status <> ?")) {
                ps.setString(1, status);
                ps.setLong(2, at.toEpochMilli());
                ps.setString(3, alertId);
                ps.setString(4, status);
                ps.executeUpdate();
            }
            return read(c, "where a.alert_id = ?", alertId).stream().findFirst();
        });
    }

    @Override
    public long count() {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select count(*) from security_alerts"); ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void replaceIncidents(String subscriptionId, List<StoredIncident> incidents) {
        String k = key(subscriptionId);
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("delete from security_incidents where subscription_key = ?")) {
                ps.setString(1, k);
                ps.executeUpdate();
            }
            if (incidents.isEmpty()) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("insert into security_incidents (subscription_key, incident_id, position, "
                    + "start_time, end_time, body) values (?,?,?,?,?,?)")) {
                int position = 0;
                for (StoredIncident i : incidents) {
                    ps.setString(1, k);
                    ps.setString(2, i.id());
                    ps.setInt(3, position++);
                    ps.setLong(4, i.startTime().toEpochMilli());
                    ps.setLong(5, i.endTime().toEpochMilli());
                    ps.setString(6, json.write(i.body()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<StoredIncident> incidents(String subscriptionId) {
        return jdbc.inTransaction(c -> {
            List<StoredIncident> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select incident_id, start_time, end_time, body from security_incidents "
                    + "where subscription_key = ? order by position")) {
                ps.setString(1, key(subscriptionId));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredIncident(rs.getString("incident_id"), Instant.ofEpochMilli(rs.getLong("start_time")),
                                Instant.ofEpochMilli(rs.getLong("end_time")), json.read(rs.getString("body"))));
                    }
                }
            }
            return out;
        });
    }

    /** Alerts matching {@code where} (on {@code a}), in sequence order, each with its subscriptions. */
    private List<StoredAlert> read(Connection c, String where, Object arg) throws SQLException {
        record Row(long seq, String id, String type, String status, long start, long end, Long changed, String body) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = bind(c.prepareStatement(SELECT + where + " order by a.seq"), arg); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long changedAt = rs.getLong("status_changed_at");
                Long changed = rs.wasNull() ? null : changedAt;
                rows.add(new Row(rs.getLong("seq"), rs.getString("alert_id"), rs.getString("alert_type"), rs.getString("status"),
                        rs.getLong("start_time"), rs.getLong("end_time"), changed, rs.getString("body")));
            }
        }
        Map<String, List<String>> scopes = new HashMap<>();
        try (PreparedStatement ps = bind(c.prepareStatement("select s.alert_id, s.subscription_key from security_alert_scopes s "
                + "where s.alert_id in (select a.alert_id from security_alerts a " + where + ") order by s.subscription_key"), arg);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scopes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        List<StoredAlert> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            out.add(new StoredAlert(r.id(), r.seq(), r.type(), r.status(), Instant.ofEpochMilli(r.start()), Instant.ofEpochMilli(r.end()),
                    r.changed() == null ? null : Instant.ofEpochMilli(r.changed()), scopes.getOrDefault(r.id(), List.of()),
                    json.read(r.body())));
        }
        return out;
    }

    private static PreparedStatement bind(PreparedStatement ps, Object arg) throws SQLException {
        if (arg instanceof Long l) {
            ps.setLong(1, l);
        } else {
            ps.setString(1, (String) arg);
        }
        return ps;
    }

    /** A subscription id as the store compares it: lower case, without a leading /subscriptions/. */
    static String key(String subscriptionId) {
        String s = subscriptionId.toLowerCase(Locale.ROOT);
        return s.startsWith("/subscriptions/") ? s.substring("/subscriptions/".length()) : s;
    }
}
