package org.azukari.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.fhir.admission.AdmissionProperties;
import org.azukari.fhir.admission.Admissions;
import org.azukari.fhir.audit.AuditEventSearch;
import org.azukari.fhir.config.GatewayProperties;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.ingest.IngestTimings;
import org.azukari.fhir.release.PageTokens;
import org.azukari.fhir.release.Receipts;
import org.azukari.fhir.export.DatasetExports;
import org.azukari.fhir.release.RecipientConsents;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ShareCodeExchange;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.SmartConfiguration;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the FHIR server at {@code /fhir/*} and SMART discovery at its exact path. */
@Configuration(proxyBeanMethods = false)
public class FhirServerConfiguration {

    /** Types with a provider of their own here (a dataset's bulk export); taken in inside Bundles only. */
    private static final java.util.Set<String> OWN_PROVIDERS = java.util.Set.of("Group");

    @Bean
    ServletRegistrationBean<AzukariFhirServer> fhirServer(SmartConfiguration smart, Ingest ingest, FhirCallers callers,
                                                          OrganisationRegistry organisations, DataClassifier classifier,
                                                          GatewayProperties properties, IngestTimings timings,
                                                          Release release, ShareCodeExchange exchange, PageTokens pages,
                                                          Receipts receipts, RecipientConsents recipientConsents,
                                                          DatasetExports exports, Admissions admissions,
                                                          AdmissionProperties admission, AccessLogSearch accessLog) {
        IngestEndpoint endpoint = new IngestEndpoint(ingest, callers, organisations,
                properties.validation().defaultMode(), properties.validation().strictSources().stream()
                .filter(id -> !id.isBlank()).map(OrganisationId::new).collect(Collectors.toSet()), timings,
                admissions.ingest());
        List<Object> providers = new ArrayList<>();
        providers.add(new IngestProvider(endpoint));
        FhirContext fhir = FhirContext.forR4Cached();
        ReleaseEndpoint releases = new ReleaseEndpoint(callers, organisations, admissions.release());
        for (String type : classifier.storableTypes()) {
            if (OWN_PROVIDERS.contains(type)) {
                continue;
            }
            Class<? extends IBaseResource> implementing = fhir.getResourceDefinition(type).getImplementingClass();
            providers.add(type.equals("Patient") ? new PatientProvider(endpoint, release, releases, pages, exchange)
                    : classifier.categorisedTypes().contains(type)
                    ? new ReleasingResourceProvider(implementing, endpoint, release, releases, pages)
                    : new IngestResourceProvider(implementing, endpoint));
        }
        providers.add(new IngestResourceProvider(fhir.getResourceDefinition("Bundle").getImplementingClass(), endpoint));
        providers.add(new RecipientConsentProvider(recipientConsents, releases));
        providers.add(new GroupExportProvider(exports, callers, admissions.exports()));
        providers.add(new AuditEventProvider(callers, new AuditEventSearch(accessLog)));
        AzukariFhirServer server = new AzukariFhirServer(smart.tokenEndpoint(), providers,
                List.of(new ParseTimingInterceptor(), new UnreadableRequestInterceptor(), new FhirVersionInterceptor(),
                        new RefusedTypesInterceptor(classifier.refusedTypes()),
                        new ReleaseResponseInterceptor(receipts), new DatabaseFaultInterceptor(admission.retryAfter()),
                        new AuditEventCapability()));
        ServletRegistrationBean<AzukariFhirServer> registration = new ServletRegistrationBean<>(server, "/fhir/*");
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
