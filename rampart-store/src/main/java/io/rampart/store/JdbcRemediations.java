package io.rampart.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class JdbcRemediations implements Remediations {

    private final Jdbc jdbc;
    private final Json json;
    private final Clock clock;

    JdbcRemediations(Jdbc jdbc, Json json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Override
    public void create(RemediationRecord task) {
        String key = ArmIdParts.key(task.id());
        jdbc.inTransaction(c -> {
            execute(c, "delete from remediation_items where task_key = ?", key);
            execute(c, "delete from remediation_tasks where id_key = ?", key);
            insertTask(c, task);
            return null;
        });
    }

    @Override
    public Optional<RemediationRecord> get(String id) {
        return jdbc.inTransaction(c -> {
            List<RemediationRecord> found = tasks(c, "id_key = ?", ArmIdParts.key(id));
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        });
    }

    @Override
    public boolean update(RemediationRecord task) {
        return jdbc.inTransaction(c -> updateTask(c, task) == 1);
    }

    @Override
    public void plan(RemediationRecord task, List<WorkItemRecord> items) {
        String key = ArmIdParts.key(task.id());
        for (WorkItemRecord i : items) {
            if (!ArmIdParts.key(i.taskId()).equals(key)) {
                throw new StoreException("work item " + i.seq() + " belongs to " + i.taskId() + ", not to " + task.id());
            }
        }
        jdbc.inTransaction(c -> {
            if (updateTask(c, task) == 0) {
                insertTask(c, task);
            }
            execute(c, "delete from remediation_items where task_key = ?", key);
            if (!items.isEmpty()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "insert into remediation_items (task_key, seq, resource_id, state, body) values (?,?,?,?,?)")) {
                    for (WorkItemRecord i : items) {
                        ps.setString(1, key);
                        ps.setInt(2, i.seq());
                        ps.setString(3, i.resourceId());
                        ps.setString(4, i.state());
                        ps.setString(5, json.write(i.body()));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public boolean putItem(WorkItemRecord item) {
        String key = ArmIdParts.key(item.taskId());
        String body = json.write(item.body());
        return jdbc.inTransaction(c -> {
            if (tasks(c, "id_key = ?", key).isEmpty()) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "update remediation_items set resource_id = ?, state = ?, body = ? where task_key = ? and seq = ?")) {
                ps.setString(1, item.resourceId());
                ps.setString(2, item.state());
                ps.setString(3, body);
                ps.setString(4, key);
                ps.setInt(5, item.seq());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into remediation_items (task_key, seq, resource_id, state, body) values (?,?,?,?,?)")) {
                ps.setString(1, key);
                ps.setInt(2, item.seq());
                ps.setString(3, item.resourceId());
                ps.setString(4, item.state());
                ps.setString(5, body);
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public List<WorkItemRecord> items(String taskId) {
        return jdbc.inTransaction(c -> {
            List<WorkItemRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select seq, resource_id, state, body from remediation_items where task_key = ? order by seq")) {
                ps.setString(1, ArmIdParts.key(taskId));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WorkItemRecord(taskId, rs.getInt("seq"), rs.getString("resource_id"), rs.getString("state"),
                                json.read(rs.getString("body"))));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<RemediationRecord> under(String scope) {
        if (scope.equals("/")) {
            return jdbc.inTransaction(c -> tasks(c, "1 = 1"));
        }
        String key = ArmIdParts.key(scope);
        return jdbc.inTransaction(c -> tasks(c, "(scope_key = ? or scope_key like ? escape '!')", key, JdbcResources.likePrefix(key)));
    }

    @Override
    public List<RemediationRecord> unfinished() {
        return jdbc.inTransaction(c -> tasks(c, "finished = false"));
    }

    @Override
    public boolean delete(String id) {
        String key = ArmIdParts.key(id);
        return jdbc.inTransaction(c -> {
            execute(c, "delete from remediation_items where task_key = ?", key);
            return execute(c, "delete from remediation_tasks where id_key = ?", key) == 1;
        });
    }

    private void insertTask(Connection c, RemediationRecord task) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "insert into remediation_tasks (id_key, id, scope, scope_key, state, finished, body, updated_at) values (?,?,?,?,?,?,?,?)")) {
            ps.setString(1, ArmIdParts.key(task.id()));
            ps.setString(2, task.id());
            ps.setString(3, task.scope());
            ps.setString(4, ArmIdParts.key(task.scope()));
            ps.setString(5, task.state());
            ps.setBoolean(6, task.finished());
            ps.setString(7, json.write(task.body()));
            ps.setLong(8, clock.millis());
            ps.executeUpdate();
        }
    }

    private int updateTask(Connection c, RemediationRecord task) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "update remediation_tasks set id = ?, scope = ?, scope_key = ?, state = ?, finished = ?, body = ?, updated_at = ? where id_key = ?")) {
            ps.setString(1, task.id());
            ps.setString(2, task.scope());
            ps.setString(3, ArmIdParts.key(task.scope()));
            ps.setString(4, task.state());
            ps.setBoolean(5, task.finished());
            ps.setString(6, json.write(task.body()));
            ps.setLong(7, clock.millis());
            ps.setString(8, ArmIdParts.key(task.id()));
            return ps.executeUpdate();
        }
    }

    private List<RemediationRecord> tasks(Connection c, String where, String... args) throws SQLException {
        List<RemediationRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select id, scope, state, finished, body from remediation_tasks where " + where
                + " order by id_key")) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RemediationRecord(rs.getString("id"), rs.getString("scope"), rs.getString("state"), rs.getBoolean("finished"),
                            json.read(rs.getString("body"))));
                }
            }
        }
        return out;
    }

    private static int execute(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return ps.executeUpdate();
        }
    }
}
