package io.rampart.server;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rampart.server.access.BuiltInRole;
import io.rampart.server.access.Rbac;
import io.rampart.server.arm.ArmId;
import io.rampart.server.arm.Hierarchy;
import io.rampart.server.demo.DemoEstate;
import io.rampart.server.access.Caller;
import io.rampart.server.policy.ComplianceService;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.store.ResourceWrite;
import io.rampart.store.Store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * First things at start: the tenant root management group, the admin principal (Owner at "/")
 * with its token — the one given (--admin-token) or a newly generated one — the demo estate
 * when asked, then policy: what is stored put in force and evaluated. Returns the admin token so
 * it can be printed.
 */
public final class Bootstrap {

    public static final String ADMIN_PRINCIPAL = "00000000-0000-0000-0000-00000000ad01";
    public static final String ADMIN_ASSIGNMENT = "/providers/Microsoft.Authorization/roleAssignments/00000000-0000-0000-0000-00000000ad01";

    private final Store store;
    private final Hierarchy hierarchy;
    private final Rbac rbac;
    private final ServerSettings settings;
    private final DemoEstate demo;
    private final ComplianceService compliance;
    private final PolicyObjects policies;
    private final java.util.List<StartupTask> afterStart;

    public Bootstrap(Store store, Hierarchy hierarchy, Rbac rbac, ServerSettings settings, DemoEstate demo, ComplianceService compliance,
                     PolicyObjects policies) {
        this(store, hierarchy, rbac, settings, demo, compliance, policies, java.util.List.of());
    }

    /** @param afterStart run last, once policy is in force (resuming remediation tasks) */
    public Bootstrap(Store store, Hierarchy hierarchy, Rbac rbac, ServerSettings settings, DemoEstate demo, ComplianceService compliance,
                     PolicyObjects policies, java.util.List<StartupTask> afterStart) {
        this.afterStart = java.util.List.copyOf(afterStart);
        this.compliance = compliance;
        this.policies = policies;
        this.store = store;
        this.hierarchy = hierarchy;
        this.rbac = rbac;
        this.settings = settings;
        this.demo = demo;
    }

    public String run() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (store.resources().get(hierarchy.rootGroupId()).isEmpty()) {
            ObjectNode root = f.objectNode();
            ObjectNode props = root.putObject("properties");
            props.put("displayName", "Tenant Root Group");
            props.putObject("details").put("version", 1);
            store.resources().put(ResourceWrite.of(hierarchy.rootGroupId(), ArmId.MANAGEMENT_GROUP_TYPE, root, "rampart"));
        }
        store.principals().create(ADMIN_PRINCIPAL, "Rampart administrator", "User");
        if (store.resources().get(ADMIN_ASSIGNMENT).isEmpty()) {
            ObjectNode ra = f.objectNode();
            ObjectNode props = ra.putObject("properties");
            props.put("roleDefinitionId", "/providers/Microsoft.Authorization/roleDefinitions/" + BuiltInRole.OWNER.guid());
            props.put("principalId", ADMIN_PRINCIPAL);
            props.put("principalType", "User");
            props.put("scope", "/");
            store.resources().put(ResourceWrite.of(ADMIN_ASSIGNMENT, Rbac.ROLE_ASSIGNMENT_TYPE, ra, "rampart"));
            rbac.invalidate();
        }
        String token;
        if (settings.adminToken() != null && !settings.adminToken().isBlank()) {
            token = settings.adminToken();
            store.principals().registerToken(ADMIN_PRINCIPAL, token, "serve --admin-token");
        } else {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            token = "rpt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            store.principals().registerToken(ADMIN_PRINCIPAL, token, "generated at start");
        }
        if (settings.demo()) {
            demo.seedIfEmpty(ADMIN_PRINCIPAL);
            if (settings.policyEnabled()) {
                demo.assignBenchmark(hierarchy.rootGroupId(), policies, new Caller(ADMIN_PRINCIPAL, "Rampart administrator"));
            }
        }
        compliance.reload();
        afterStart.forEach(StartupTask::started);
        return token;
    }

}
