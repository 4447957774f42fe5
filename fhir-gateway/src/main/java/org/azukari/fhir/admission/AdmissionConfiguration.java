package org.azukari.fhir.admission;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's bulkheads, from {@link AdmissionProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionConfiguration {

    @Bean
    Admissions admissions(AdmissionProperties properties) {
        return Admissions.of(properties);
    }
}
