package io.rampart.server.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.rampart.server.ServerSettings;
import io.rampart.server.activity.RequestBodies;
import io.rampart.store.Store;
import io.rampart.threat.detect.DetectionOptions;
import io.rampart.threat.sigma.ShippedRules;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import java.time.Clock;

/**
 * Live threat detection: the shipped Sigma rule set (compiled once at start) over the activity
 * log, its alerts and incidents in the store, and the filter that keeps write bodies for the log's
 * {@code properties.requestbody}.
 * {@code rampart.threat.queue-capacity} bounds the entries waiting for the detection thread.
 */
@Configuration
public class ThreatConfiguration {

    @Bean
    SecurityAlertStore securityAlertStore(Store store, Clock clock) {
        return new SecurityAlertStore(store, clock, DetectionOptions.defaults().incidentWindow());
    }

    @Bean(destroyMethod = "close")
    LiveDetection liveDetection(Clock clock, ServerSettings settings, MeterRegistry registry, SecurityAlertStore alerts,
                                @Value("${rampart.threat.queue-capacity:10000}") int capacity) {
        return new LiveDetection(ShippedRules.compile(), capacity, clock, settings.tenantId(), alerts, registry);
    }

    @Bean
    FilterRegistrationBean<RequestBodies> requestBodies() {
        FilterRegistrationBean<RequestBodies> registration = new FilterRegistrationBean<>(new RequestBodies());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
