package io.rampart.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.rampart.library.BuiltInLibrary;
import io.rampart.server.access.BearerTokenFilter;
import io.rampart.server.access.PrincipalAdmin;
import io.rampart.server.access.Rbac;
import io.rampart.server.activity.ActivityRecorder;
import io.rampart.server.arm.Deployments;
import io.rampart.server.arm.Hierarchy;
import io.rampart.server.arm.ResourceLists;
import io.rampart.server.arm.ResourceService;
import io.rampart.server.arm.ResourceShapes;
import io.rampart.server.demo.DemoEstate;
import io.rampart.server.governance.GovernanceConfiguration;
import io.rampart.server.policy.BasicPolicyObjects;
import io.rampart.server.policy.ComplianceService;
import io.rampart.server.policy.NoCompliance;
import io.rampart.server.policy.NoPolicyGuard;
import io.rampart.server.policy.PolicyObjects;
import io.rampart.server.policy.WriteGuard;
import io.rampart.server.web.RampartMetrics;
import io.rampart.store.Store;
import io.rampart.store.StoreConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

import java.nio.file.Path;
import java.time.Clock;

/**
 * The server's parts. Policy enforcement and compliance plug in through {@link WriteGuard},
 * {@link ComplianceService} and {@link PolicyObjects}: the governance wiring
 * ({@link GovernanceConfiguration}) provides them; the defaults here, which allow everything and
 * record nothing, stand in when policy is switched off ({@code rampart.policy.enabled=false},
 * {@code ./rampart serve --no-policy}: a baseline for measuring what policy costs).
 */
@Configuration
@EnableConfigurationProperties(ServerSettings.class)
@Import({GovernanceConfiguration.class, io.rampart.server.remediation.RemediationConfiguration.class})
public class ServerConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean(destroyMethod = "close")
    Store store(ServerSettings settings) {
        StoreConfig config = settings.jdbcUrl() == null || settings.jdbcUrl().isBlank()
                ? StoreConfig.h2File(Path.of(settings.dataDir()))
                : StoreConfig.of(settings.jdbcUrl(), settings.jdbcUser(), settings.jdbcPassword());
        return Store.open(config);
    }

    @Bean
    BuiltInLibrary builtInLibrary() {
        return BuiltInLibrary.load();
    }

    @Bean
    RampartMetrics rampartMetrics(MeterRegistry registry) {
        return new RampartMetrics(registry);
    }

    @Bean
    Hierarchy hierarchy(Store store, ServerSettings settings) {
        return new Hierarchy(store, settings.tenantId());
    }

    @Bean
    Rbac rbac(Store store, Hierarchy hierarchy) {
        return new Rbac(store, hierarchy);
    }

    @Bean
    ResourceShapes resourceShapes(ServerSettings settings) {
        return new ResourceShapes(settings.tenantId());
    }

    @Bean
    @ConditionalOnProperty(name = "rampart.policy.enabled", havingValue = "false")
    WriteGuard writeGuard() {
        return new NoPolicyGuard();
    }

    @Bean
    @ConditionalOnProperty(name = "rampart.policy.enabled", havingValue = "false")
    ComplianceService complianceService() {
        return new NoCompliance();
    }

    @Bean
    @ConditionalOnProperty(name = "rampart.policy.enabled", havingValue = "false")
    PolicyObjects policyObjects(BuiltInLibrary library) {
        return new BasicPolicyObjects(library);
    }

    @Bean
    ActivityRecorder activityRecorder(Store store, Clock clock, org.springframework.beans.factory.ObjectProvider<io.rampart.server.activity.ActivityListener> listener) {
        return new ActivityRecorder(store, clock, listener.getIfAvailable(() -> io.rampart.server.activity.ActivityListener.NONE));
    }

    @Bean
    ResourceService resourceService(Store store, Rbac rbac, Hierarchy hierarchy, ResourceShapes shapes, WriteGuard guard,
                                    ComplianceService compliance, PolicyObjects policies, ActivityRecorder activity, RampartMetrics metrics) {
        return new ResourceService(store, rbac, hierarchy, shapes, guard, compliance, policies, activity, metrics);
    }

    @Bean
    Deployments deployments(Store store, Rbac rbac, ResourceService resources, ResourceShapes shapes, ActivityRecorder activity, Clock clock,
                            ServerSettings settings) {
        return new Deployments(store, rbac, resources, shapes, activity, clock, settings.tenantId());
    }

    @Bean
    ResourceLists resourceLists(Store store, Rbac rbac, Hierarchy hierarchy, ResourceShapes shapes, PolicyObjects policies, ResourceService resources) {
        return new ResourceLists(store, rbac, hierarchy, shapes, policies, resources);
    }

    @Bean
    PrincipalAdmin principalAdmin(Store store, Rbac rbac) {
        return new PrincipalAdmin(store, rbac);
    }

    @Bean
    DemoEstate demoEstate(Store store, ServerSettings settings) {
        Path corpus = settings.shared() == null ? null : Path.of(settings.shared(), "corpora", "rest-examples", "resources.jsonl");
        return new DemoEstate(store, corpus, 300);
    }

    @Bean
    Bootstrap bootstrap(Store store, Hierarchy hierarchy, Rbac rbac, ServerSettings settings, DemoEstate demo, ComplianceService compliance,
                        PolicyObjects policies, org.springframework.beans.factory.ObjectProvider<StartupTask> afterStart) {
        return new Bootstrap(store, hierarchy, rbac, settings, demo, compliance, policies, afterStart.orderedStream().toList());
    }

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(Store store, Clock clock, ObjectMapper json, RampartMetrics metrics) {
        FilterRegistrationBean<BearerTokenFilter> registration = new FilterRegistrationBean<>(new BearerTokenFilter(store, clock, json, metrics));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
