package org.azukari.fhir.pull;

import java.util.Objects;
import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * How the bank authenticates to a source's FHIR server, resolved from configuration by a pull
 * source's credential reference. Never stored in the database, never logged: every
 * {@code toString()} hides the secret.
 */
public sealed interface UpstreamCredential {

    record Anonymous() implements UpstreamCredential {
    }

    record Bearer(String token) implements UpstreamCredential {
        public Bearer {
            if (token == null || token.isBlank()) {
                throw new BadInputException(FhirGatewayError.FG_0694, "an empty bearer token");
            }
        }

        @Override
        public String toString() {
            return "Bearer[redacted]";
        }
    }

    record Basic(String username, String password) implements UpstreamCredential {
        public Basic {
            Objects.requireNonNull(password, "password");
            if (username == null || username.isBlank()) {
                throw new BadInputException(FhirGatewayError.FG_0694, "an empty username");
            }
        }

        @Override
        public String toString() {
            return "Basic[redacted]";
        }
    }
}
