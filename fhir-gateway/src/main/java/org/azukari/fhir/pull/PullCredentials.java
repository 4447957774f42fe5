package org.azukari.fhir.pull;

import java.util.Map;
import java.util.Optional;
import org.azukari.fhir.mapping.FhirGatewayError;

/** The configured credentials by reference name ({@code azukari.gateway.pull.credentials.<ref>}). */
public final class PullCredentials {

    private final Map<String, UpstreamCredential> byRef;

    public PullCredentials(Map<String, UpstreamCredential> byRef) {
        byRef.keySet().forEach(PullSource::checkCredentialRef);
        this.byRef = Map.copyOf(byRef);
    }

    public boolean knows(String ref) {
        return byRef.containsKey(ref);
    }

    /** No reference: anonymous. A reference that the configuration no longer has fails the pull. */
    UpstreamCredential resolve(Optional<String> ref) {
        if (ref.isEmpty()) {
            return new UpstreamCredential.Anonymous();
        }
        UpstreamCredential credential = byRef.get(ref.get());
        if (credential == null) {
            throw new PullFailure(FhirGatewayError.FG_0618, "the source's credential reference is not configured");
        }
        return credential;
    }

    @Override
    public String toString() {
        return "PullCredentials" + byRef.keySet();
    }
}
