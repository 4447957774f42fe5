package org.azukari.fhir.server;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.util.List;

/**
 * The FHIR R4 endpoint at {@code /fhir}: HAPI's plain server, which only registers providers and
 * interceptors. Who may call it is decided before it, by the Shiro filter chain (bearer tokens;
 * {@code /fhir/metadata} is anonymous); what a caller may do is decided by the providers.
 */
public class AzukariFhirServer extends RestfulServer {

    private final String tokenEndpoint;
    private final List<Object> providers;
    private final List<Object> interceptors;

    public AzukariFhirServer(String tokenEndpoint, List<Object> providers, List<Object> interceptors) {
        super(UnknownElements.serverContext());
        this.tokenEndpoint = tokenEndpoint;
        this.providers = List.copyOf(providers);
        this.interceptors = List.copyOf(interceptors);
    }

    @Override
    protected void initialize() {
        setServerName("Azukari information bank");
        setImplementationDescription("Azukari FHIR R4 gateway");
        setDefaultResponseEncoding(EncodingEnum.JSON);
        registerInterceptor(new SmartCapabilityInterceptor(tokenEndpoint));
        registerInterceptor(new UnknownElements());
        interceptors.forEach(this::registerInterceptor);
        registerProviders(providers);
    }
}
