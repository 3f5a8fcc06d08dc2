package io.rampart.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class JdbcPolicyStates implements PolicyStates {

    private final Jdbc jdbc;
    private final Json json;

    JdbcPolicyStates(Jdbc jdbc, Json json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public void replaceForResource(String resourceId, List<PolicyStateRecord> records) {
        requireAll(records, r -> r.resourceId().equalsIgnoreCase(resourceId), "resource " + resourceId);
        jdbc.inTransaction(c -> {
            replace(c, records, "resource_key = ?", ArmIdParts.key(resourceId));
            return null;
        });
    }

    @Override
    public void replaceForAssignment(String assignmentId, List<PolicyStateRecord> records) {
        requireAll(records, r -> r.policyAssignmentId().equalsIgnoreCase(assignmentId), "assignment " + assignmentId);
        jdbc.inTransaction(c -> {
            replace(c, records, "assignment_key = ?", ArmIdParts.key(assignmentId));
            return null;
        });
    }

    @Override
    public void replace(String resourceId, String assignmentId, List<PolicyStateRecord> records) {
        requireAll(records, r -> r.resourceId().equalsIgnoreCase(resourceId) && r.policyAssignmentId().equalsIgnoreCase(assignmentId),
                "resource " + resourceId + " and assignment " + assignmentId);
        jdbc.inTransaction(c -> {
            replace(c, records, "resource_key = ? and assignment_key = ?", ArmIdParts.key(resourceId), ArmIdParts.key(assignmentId));
            return null;
        });
    }

    /**
     * Deletes what {@code where} selects and inserts {@code records}, in the caller's transaction.
     * Two evaluations of one resource can replace its states at the same time (a write and a scan,
     * a remediation and a scan): the later one's delete does not see the rows the other has
     * inserted but not yet committed, and its insert then collides with them once they commit. The
     * insert runs under a savepoint; on that collision it rolls back to it and deletes again — each
     * statement sees what is committed by then — so the last writer's states stand and neither
     * transaction fails (nor a surrounding one: a user's write, a scan's batch).
     */
    private void replace(Connection c, List<PolicyStateRecord> records, String where, String... args) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            java.sql.Savepoint before = c.setSavepoint();
            try {
                delete(c, where, args);
                insert(c, records);
                c.releaseSavepoint(before);
                return;
            } catch (SQLException e) {
                c.rollback(before);
                if (attempt >= MAX_ATTEMPTS || !Jdbc.isUniqueViolation(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    @Override
    public int deleteForResource(String resourceId) {
        return jdbc.inTransaction(c -> delete(c, "resource_key = ?", ArmIdParts.key(resourceId)));
    }

    @Override
    public int deleteForAssignment(String assignmentId) {
        return jdbc.inTransaction(c -> delete(c, "assignment_key = ?", ArmIdParts.key(assignmentId)));
    }

    private static void requireAll(List<PolicyStateRecord> records, java.util.function.Predicate<PolicyStateRecord> test, String what) {
        for (PolicyStateRecord r : records) {
            if (!test.test(r)) {
                throw new StoreException("policy state for " + r.resourceId() + " / " + r.policyAssignmentId() + " does not belong to " + what);
            }
        }
    }

    /** Collisions need another evaluation of the same resource committing in between; many in a row only under a pile-up. */
    private static final int MAX_ATTEMPTS = 25;

    /** A short random pause, longer each time, so that writers piling up on one resource stop colliding in lockstep. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1 + Math.min(attempt, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int delete(Connection c, String where, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("delete from policy_states where " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    private void insert(Connection c, List<PolicyStateRecord> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("insert into policy_states (resource_key, resource_id, assignment_key, "
                + "assignment_id, definition_id, reference_id, set_definition_id, compliance_state, evaluated_at, resource_type, "
                + "subscription_id, details) values (?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (PolicyStateRecord r : records) {
                int i = 0;
                ps.setString(++i, ArmIdParts.key(r.resourceId()));
                ps.setString(++i, r.resourceId());
                ps.setString(++i, ArmIdParts.key(r.policyAssignmentId()));
                ps.setString(++i, r.policyAssignmentId());
                ps.setString(++i, r.policyDefinitionId());
                ps.setString(++i, r.policyDefinitionReferenceId());
                ps.setString(++i, r.policySetDefinitionId());
                ps.setString(++i, r.complianceState());
                ps.setLong(++i, r.timestamp().toEpochMilli());
                ps.setString(++i, r.resourceType());
                ps.setString(++i, r.subscriptionId() == null ? null : ArmIdParts.key(r.subscriptionId()));
                ps.setString(++i, json.write(r.details()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public Page<PolicyStateRecord> query(PolicyStateQuery q) {
        List<String> clauses = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        clauses.add("1 = 1");
        if (!q.scope().equals("/")) {
            clauses.add("(resource_key = ? or resource_key like ? escape '!')");
            args.add(ArmIdParts.key(q.scope()));
            args.add(JdbcResources.likePrefix(ArmIdParts.key(q.scope())));
        }
        q.assignmentId().ifPresent(a -> {
            clauses.add("assignment_key = ?");
            args.add(ArmIdParts.key(a));
        });
        q.complianceState().ifPresent(s -> {
            clauses.add("lower(compliance_state) = ?");
            args.add(s.toLowerCase(java.util.Locale.ROOT));
        });
        q.continuation().ifPresent(token -> {
            String[] last = Continuation.decode(token).split("\n", -1);
            if (last.length != 3) {
                throw new InvalidContinuationToken(token);
            }
            // (resource, assignment, reference) > last, spelled out for portability
            clauses.add("(resource_key > ? or (resource_key = ? and (assignment_key > ? or (assignment_key = ? and reference_id > ?))))");
            args.add(last[0]);
            args.add(last[0]);
            args.add(last[1]);
            args.add(last[1]);
            args.add(last[2]);
        });
        String sql = "select * from policy_states where " + String.join(" and ", clauses)
                + " order by resource_key, assignment_key, reference_id fetch first " + (q.limit() + 1) + " rows only";
        return jdbc.inTransaction(c -> {
            List<PolicyStateRecord> items = new ArrayList<>();
            String lastKey = null;
            boolean more = false;
            try (PreparedStatement ps = JdbcResources.bind(c.prepareStatement(sql), args); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (items.size() == q.limit()) {
                        more = true;
                        break;
                    }
                    items.add(read(rs));
                    lastKey = rs.getString("resource_key") + "\n" + rs.getString("assignment_key") + "\n" + rs.getString("reference_id");
                }
            }
            return new Page<>(items, more ? Optional.of(Continuation.encode(lastKey)) : Optional.empty());
        });
    }

    private PolicyStateRecord read(ResultSet rs) throws SQLException {
        return new PolicyStateRecord(rs.getString("resource_id"), rs.getString("resource_type"), rs.getString("subscription_id"),
                rs.getString("assignment_id"), rs.getString("definition_id"), rs.getString("reference_id"),
                rs.getString("set_definition_id"), rs.getString("compliance_state"),
                Instant.ofEpochMilli(rs.getLong("evaluated_at")), json.read(rs.getString("details")));
    }
}
