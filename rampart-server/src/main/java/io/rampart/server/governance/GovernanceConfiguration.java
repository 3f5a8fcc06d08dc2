package io.rampart.server.governance;

import io.rampart.governance.Governance;
import io.rampart.governance.scope.Hierarchy;
import io.rampart.library.BuiltInLibrary;
import io.rampart.server.ServerSettings;
import io.rampart.server.access.Rbac;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.policy.BasicPolicyObjects;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The governance core wired into the server's plug points: {@link GovernanceWriteGuard} (the
 * WriteGuard), {@link GovernancePolicyObjects} (PolicyObjects) and {@link GovernanceCompliance}
 * (ComplianceService) replace the server's defaults. What the store holds is put in force when
 * the beans are made, before the server takes requests.
 */
@Configuration
@ConditionalOnProperty(name = "rampart.policy.enabled", havingValue = "true", matchIfMissing = true)
public class GovernanceConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(GovernanceConfiguration.class);

    @Bean
    Governance governance(BuiltInLibrary library, Store store, ResourceShapes shapes, ServerSettings settings, Clock clock) {
        return new Governance(library, new StoreDefinitionSource(store, shapes), Hierarchy.flat(settings.tenantId()), clock);
    }

    @Bean
    HierarchyLoader hierarchyLoader(Store store, ServerSettings settings) {
        return new HierarchyLoader(store, settings.tenantId());
    }

    @Bean
    StoreInventory storeInventory(Store store, ResourceShapes shapes, Governance governance) {
        return new StoreInventory(store, shapes, () -> governance.state().hierarchy());
    }

    @Bean
    GovernanceWriteGuard governanceWriteGuard(Governance governance, StoreInventory inventory) {
        return new GovernanceWriteGuard(governance, inventory);
    }

    @Bean
    GovernancePolicyObjects governancePolicyObjects(Governance governance, BuiltInLibrary library, ResourceShapes shapes, Store store) {
        return new GovernancePolicyObjects(governance, new BasicPolicyObjects(library), shapes,
                id -> store.resources().get(id).filter(r -> r.type().equalsIgnoreCase("Microsoft.ManagedIdentity/userAssignedIdentities"))
                        .map(r -> (com.fasterxml.jackson.databind.JsonNode) shapes.shape(r)));
    }

    @Bean(destroyMethod = "close")
    ComplianceScans complianceScans(Governance governance, Store store, StoreInventory inventory, RampartMetrics metrics, Clock clock) {
        return new ComplianceScans(governance, store, inventory, metrics, clock);
    }

    @Bean
    PolicyInsights policyInsights(Store store, Governance governance, ComplianceScans scans, Rbac rbac, Clock clock, ServerSettings settings) {
        return new PolicyInsights(store, governance, scans, rbac, clock, settings.pageSize());
    }

    @Bean
    ImpactPreviews impactPreviews(Governance governance, Store store, StoreInventory inventory, ResourceShapes shapes, Rbac rbac) {
        return new ImpactPreviews(governance, store, inventory, shapes, rbac);
    }

    @Bean
    GovernanceCompliance governanceCompliance(Governance governance, Store store, StoreInventory inventory, ResourceShapes shapes,
                                              HierarchyLoader hierarchy, GovernancePolicyObjects policies, ComplianceScans scans) {
        GovernanceCompliance compliance = new GovernanceCompliance(governance, store, inventory, shapes, hierarchy, policies, scans);
        long t0 = System.nanoTime();
        int n = compliance.replay();
        LOG.info("governance: {} stored policy assignments put in force in {} ms", n, (System.nanoTime() - t0) / 1_000_000);
        return compliance;
    }
}
