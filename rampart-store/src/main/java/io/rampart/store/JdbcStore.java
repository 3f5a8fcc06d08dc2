package io.rampart.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;

import java.time.Clock;
import java.util.function.Supplier;

/** The JDBC store: a connection pool, the schema migrated by Flyway, one class per kind of data. */
final class JdbcStore implements Store {

    private final HikariDataSource dataSource;
    private final Jdbc jdbc;
    private final Resources resources;
    private final ActivityLog activityLog;
    private final PolicyStates policyStates;
    private final Principals principals;
    private final SecurityAlerts securityAlerts;
    private final Remediations remediations;
    private final IdempotencyKeys idempotencyKeys;
    private final StoreInfo info;

    private JdbcStore(HikariDataSource dataSource, StoreInfo info, Clock clock) {
        this.dataSource = dataSource;
        this.info = info;
        this.jdbc = new Jdbc(dataSource);
        Json json = new Json();
        this.resources = new JdbcResources(jdbc, json, clock);
        this.activityLog = new JdbcActivityLog(jdbc, json);
        this.policyStates = new JdbcPolicyStates(jdbc, json);
        this.principals = new JdbcPrincipals(jdbc, clock);
        this.securityAlerts = new JdbcSecurityAlerts(jdbc, json);
        this.remediations = new JdbcRemediations(jdbc, json, clock);
        this.idempotencyKeys = new JdbcIdempotencyKeys(jdbc, json, clock);
    }

    static Store open(StoreConfig config) {
        return open(config, Clock.systemUTC());
    }

    static Store open(StoreConfig config, Clock clock) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(config.jdbcUrl());
        hikari.setUsername(config.user());
        hikari.setPassword(config.password());
        hikari.setMaximumPoolSize(config.maxConnections());
        hikari.setPoolName("rampart-store");
        hikari.setAutoCommit(true);
        hikari.setInitializationFailTimeout(-1);
        HikariDataSource dataSource = new HikariDataSource(hikari);
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/" + (config.isH2() ? "h2" : "postgresql"))
                    .load();
            flyway.migrate();
            String version = flyway.info().current() == null ? "none" : flyway.info().current().getVersion().getVersion();
            String vendor = config.isH2() ? "h2" : "postgresql";
            return new JdbcStore(dataSource, new StoreInfo(vendor, config.redactedUrl(), version), clock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("cannot open the store at " + config.redactedUrl() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Resources resources() {
        return resources;
    }

    @Override
    public ActivityLog activityLog() {
        return activityLog;
    }

    @Override
    public PolicyStates policyStates() {
        return policyStates;
    }

    @Override
    public Principals principals() {
        return principals;
    }

    @Override
    public SecurityAlerts securityAlerts() {
        return securityAlerts;
    }

    @Override
    public Remediations remediations() {
        return remediations;
    }

    @Override
    public IdempotencyKeys idempotencyKeys() {
        return idempotencyKeys;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return jdbc.inTransaction(work);
    }

    @Override
    public void afterCommit(Runnable action) {
        jdbc.afterCommit(action);
    }

    @Override
    public StoreInfo info() {
        return info;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
