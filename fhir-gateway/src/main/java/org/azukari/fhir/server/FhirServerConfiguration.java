package org.azukari.fhir.server;

import org.azukari.identity.api.SmartConfiguration;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the FHIR server at {@code /fhir/*} and SMART discovery at its exact path. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

    @Bean
    ServletRegistrationBean<AzukariFhirServer> fhirServer(SmartConfiguration smart) {
        ServletRegistrationBean<AzukariFhirServer> registration =
                new ServletRegistrationBean<>(new AzukariFhirServer(smart.tokenEndpoint()), "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    ServletRegistrationBean<SmartConfigurationServlet> smartConfigurationServlet(SmartConfiguration smart) {
        ServletRegistrationBean<SmartConfigurationServlet> registration = new ServletRegistrationBean<>(
                new SmartConfigurationServlet(smart), "/fhir/.well-known/smart-configuration");
        registration.setName("smartConfiguration");
        return registration;
    }
}
