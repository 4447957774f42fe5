package org.azukari.server.fhir;

import org.azukari.fhir.config.GatewayProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The web edge in front of the FHIR server: the body limit, after security has run. */
@Configuration(proxyBeanMethods = false)
class FhirEdgeConfiguration {

    @Bean
    FilterRegistrationBean<FhirBodyLimitFilter> fhirBodyLimit(GatewayProperties properties) {
        FilterRegistrationBean<FhirBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new FhirBodyLimitFilter(properties.maxBodySize().toBytes()));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
