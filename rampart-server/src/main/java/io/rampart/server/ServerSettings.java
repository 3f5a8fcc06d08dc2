package io.rampart.server;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Server settings ({@code rampart.*}; {@code ./rampart serve} options map onto them).
 *
 * @param dataDir     where the H2 store lives when no JDBC URL is given
 * @param jdbcUrl     a PostgreSQL (or H2) JDBC URL; empty = H2 under dataDir
 * @param adminToken  the admin bearer token; empty = a generated one, printed at start
 * @param tenantId    the tenant (and tenant root management group) id
 * @param pageSize    items per page of a listing when $top is not given
 * @param demo        seed the demo estate on first start
 * @param shared      the shared corpora folder (demo resources come from rest-examples there)
 * @param policy      policy settings: {@code enabled} (default true; false serves without enforcement or compliance)
 * @param remediation remediation settings: {@code workers} (threads remediating resources, default 10), {@code tasks}
 *                    (tasks running at once, default 2), {@code queue} (tasks that may wait, default 100)
 */
@ConfigurationProperties("rampart")
public record ServerSettings(String dataDir, String jdbcUrl, String jdbcUser, String jdbcPassword, String adminToken,
                             String tenantId, Integer pageSize, Boolean demo, String shared, Policy policy,
                             Remediation remediation) {

    public ServerSettings {
        dataDir = dataDir == null || dataDir.isBlank() ? "rampart-data" : dataDir;
        tenantId = tenantId == null || tenantId.isBlank() ? "72f988bf-0000-4000-8000-000000000001" : tenantId;
        pageSize = pageSize == null ? 100 : pageSize;
        demo = demo != null && demo;
        remediation = remediation == null ? new Remediation(null, null, null) : remediation;
    }

    /** {@code rampart.remediation.*}. */
    public record Remediation(Integer workers, Integer tasks, Integer queue) {
        public Remediation {
            workers = workers == null || workers < 1 ? 10 : workers;
            tasks = tasks == null || tasks < 1 ? 2 : tasks;
            queue = queue == null || queue < 1 ? 100 : queue;
        }
    }

    /** {@code rampart.policy.*}. */
    public record Policy(Boolean enabled) {
    }

    public boolean policyEnabled() {
        return policy == null || policy.enabled() == null || policy.enabled();
    }
}
