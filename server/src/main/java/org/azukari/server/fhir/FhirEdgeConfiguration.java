package org.azukari.server.fhir;

import org.azukari.fhir.config.GatewayProperties;
import org.azukari.fhir.validation.JsonPreScan;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The web edge in front of the FHIR server: the body limits and the JSON pre-scan, after security has run. */
@Configuration(proxyBeanMethods = false)
class FhirEdgeConfiguration {

    @Bean
    FilterRegistrationBean<FhirBodyLimitFilter> fhirBodyLimit(GatewayProperties properties) {
        FilterRegistrationBean<FhirBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new FhirBodyLimitFilter(properties.maxBodySize().toBytes(),
                        properties.maxCompressionRatio(), new JsonPreScan(properties.json().limits())));
        registration.addUrlPatterns("/fhir/*");
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
        return registration;
    }
}
