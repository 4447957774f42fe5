package org.azukari.fhir.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * The FHIR R4 endpoint at {@code /fhir}: HAPI's plain server, which only registers providers and
 * interceptors. Who may call it is decided before it, by the Shiro filter chain (bearer tokens;
 * {@code /fhir/metadata} is anonymous); what a caller may see is decided by the providers
 * through consent (later issues).
 */
public class AzukariFhirServer extends RestfulServer {

    private final String tokenEndpoint;

    public AzukariFhirServer(String tokenEndpoint) {
        super(FhirContext.forR4Cached());
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    protected void initialize() {
        setServerName("Azukari information bank");
        setImplementationDescription("Azukari FHIR R4 gateway");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        registerInterceptor(new SmartCapabilityInterceptor(tokenEndpoint));
    }
}
