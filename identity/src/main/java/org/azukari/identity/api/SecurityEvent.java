package org.azukari.identity.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A security-relevant happening at the edge: sign-in, failed sign-in, lock-out, token issued,
 * token or assertion refused, request refused. Ids and codes only: never a password, a token,
 * an assertion, a name or a My Number. {@code subject} is the account or client concerned
 * (an unknown username is recorded as the literal {@code unknown}, never echoed).
 */
public record SecurityEvent(Instant at, Type type, Optional<PrincipalKind> kind, String subject,
                            Optional<OrganisationId> organisation, String reasonCode, Optional<String> requestPath) {

    public enum Type {
        SIGN_IN, SIGN_IN_FAILED, LOCKED_OUT, SIGN_OUT, SECOND_FACTOR_FAILED, TOKEN_ISSUED, TOKEN_REFUSED,
        ACCESS_REFUSED
    }

    public SecurityEvent {
        Objects.requireNonNull(at);
        Objects.requireNonNull(type);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(reasonCode);
        Objects.requireNonNull(requestPath);
    }
}
