package io.rampart.store;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Connections and transactions. A transaction binds one connection to the calling thread; every
 * store call made on that thread while it is open joins it, so a caller can group calls into one
 * all-or-nothing unit without passing a connection around.
 */
final class Jdbc {

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final ThreadLocal<Connection> current = new ThreadLocal<>();
    private final ThreadLocal<java.util.List<Runnable>> afterCommit = new ThreadLocal<>();

    Jdbc(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in the thread's transaction, or in a new one committed when it returns. */
    <T> T inTransaction(SqlWork<T> work) {
        Connection joined = current.get();
        if (joined != null) {
            try {
                return work.run(joined);
            } catch (SQLException e) {
                throw translate(e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            current.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                runAfterCommit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw translate(e);
            } catch (RuntimeException | Error e) {
                rollbackQuietly(connection, e);
                throw e;
            } finally {
                current.remove();
                afterCommit.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw translate(e);
        }
    }

    /**
     * Runs {@code action} once the thread's transaction has committed (never if it rolls back), or
     * now when there is none. What runs after commit must not throw into the committed write: a
     * failing action is ignored (the change is durable whatever a listener does).
     */
    void afterCommit(Runnable action) {
        if (current.get() == null) {
            runQuietly(action);
            return;
        }
        java.util.List<Runnable> actions = afterCommit.get();
        if (actions == null) {
            actions = new java.util.ArrayList<>();
            afterCommit.set(actions);
        }
        actions.add(action);
    }

    private void runAfterCommit() {
        java.util.List<Runnable> actions = afterCommit.get();
        afterCommit.remove();
        if (actions != null) {
            actions.forEach(Jdbc::runQuietly);
        }
    }

    private static void runQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException ignored) {
            // a listener's failure is its own; the write has been committed
        }
    }

    /** True inside a transaction on this thread (a failed statement there cannot be retried alone). */
    boolean inTransactionAlready() {
        return current.get() != null;
    }

    <T> T inTransaction(Supplier<T> work) {
        return inTransaction(connection -> work.get());
    }

    private static void rollbackQuietly(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    static StoreException translate(SQLException e) {
        return new StoreException("database error (SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }

    static boolean isUniqueViolation(Throwable e) {
        while (e != null) {
            if (e instanceof SQLException sql) {
                // a batch reports the failing statement's error as its next exception (PostgreSQL)
                for (SQLException x = sql; x != null; x = x.getNextException()) {
                    if ("23505".equals(x.getSQLState())) {
                        return true;
                    }
                }
            }
            e = e.getCause();
        }
        return false;
    }
}
