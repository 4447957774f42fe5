package org.azukari.fhir.server;

import java.util.Objects;
import java.util.Optional;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.SmartScopes;

/**
 * Who is calling the FHIR server in this request, as authenticated before it by the web
 * layer's bearer-token filter. The gateway asks; it never authenticates by itself.
 */
@FunctionalInterface
public interface FhirCallers {

    Optional<AuthenticatedCaller> current();

    /** A system caller and the SMART scopes its token was granted. */
    record AuthenticatedCaller(Caller caller, SmartScopes scopes) {
        public AuthenticatedCaller {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(scopes);
        }
    }
}
