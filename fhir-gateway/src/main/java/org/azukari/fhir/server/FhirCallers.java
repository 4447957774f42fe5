package org.azukari.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.azukari.identity.api.SmartScopes;

/**
 * Who is calling the FHIR server in this request, as authenticated before it by the web
 * layer's bearer-token filter. The gateway asks; it never authenticates by itself.
 */
@FunctionalInterface
public interface FhirCallers {

    Optional<AuthenticatedCaller> current();

    /**
     * The system calling, if Shiro grants it {@code permission} for its own organisation: every
     * FHIR edge asks this, so the permission vocabulary is what decides who may call it. No
     * caller: 401 {@code FG-0101}; a person, or a system without the permission: {@code refusal}.
     */
    default AuthenticatedCaller require(CallerPermission permission, Supplier<? extends RuntimeException> refusal) {
        AuthenticatedCaller authenticated = current()
                .orElseThrow(() -> new AuthenticationException(
                        FhirGatewayError.FG_0101.message("a bearer token is required")));
        if (authenticated.caller().client().isEmpty() || !authenticated.holds(permission)) {
            throw refusal.get();
        }
        return authenticated;
    }

    /** A system caller, the SMART scopes its token was granted and the permissions its realm grants it. */
    record AuthenticatedCaller(Caller caller, SmartScopes scopes, Predicate<CallerPermission> permissions) {
        public AuthenticatedCaller {
            Objects.requireNonNull(caller);
            Objects.requireNonNull(scopes);
            Objects.requireNonNull(permissions);
        }

        public boolean holds(CallerPermission permission) {
            return permissions.test(permission);
        }
    }
}
