package org.azukari.fhir.pull;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.time.Duration;

/**
 * Opens conversations with sources' FHIR servers: one R4 context for every pull, explicit
 * connect and read timeouts, no capability-statement round trip before each client, and the
 * source's credential attached as a request header (never in the URL). Parsing is lenient, and
 * what it drops is named ({@link DroppedFromPages}).
 */
public final class Upstreams {

    private final FhirContext fhir;
    private final PullCredentials credentials;
    private final DroppedFromPages dropped = new DroppedFromPages();

    public Upstreams(PullCredentials credentials, Duration connectTimeout, Duration readTimeout) {
        this.credentials = credentials;
        this.fhir = FhirContext.forR4();
        dropped.reportFrom(fhir);
        IRestfulClientFactory factory = fhir.getRestfulClientFactory();
        factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
        factory.setConnectTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setConnectionRequestTimeout(Math.toIntExact(connectTimeout.toMillis()));
        factory.setSocketTimeout(Math.toIntExact(readTimeout.toMillis()));
    }

    Upstream open(PullSource source) {
        UpstreamCredential credential = credentials.resolve(source.credentialRef());
        IGenericClient client = fhir.newRestfulGenericClient(source.baseUrl().toString());
        if (credential instanceof UpstreamCredential.Bearer bearer) {
            client.registerInterceptor(new BearerTokenAuthInterceptor(bearer.token()));
        } else if (credential instanceof UpstreamCredential.Basic basic) {
            client.registerInterceptor(new BasicAuthInterceptor(basic.username(), basic.password()));
        }
        client.registerInterceptor(dropped);
        return new Upstream(client, source.baseUrl(), dropped);
    }
}
