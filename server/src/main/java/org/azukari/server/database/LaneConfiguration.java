package org.azukari.server.database;

import jakarta.servlet.Filter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Marks each request's {@link Lane}: every request starts in the control lane (before Shiro, so
 * token and sign-in checks use the control pool), and {@code /fhir} switches to the bulk lane after
 * Shiro has checked the token.
 */
@Configuration(proxyBeanMethods = false)
class LaneConfiguration {

    @Bean
    FilterRegistrationBean<Filter> controlLane() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LaneFilter(Lane.CONTROL));
        registration.setName("controlLane");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<Filter> bulkLane() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new LaneFilter(Lane.BULK));
        registration.setName("bulkLane");
        registration.addUrlPatterns("/fhir/*");
        // after Shiro (1), whose bearer filter checks the token in the control lane
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 20);
        return registration;
    }
}
