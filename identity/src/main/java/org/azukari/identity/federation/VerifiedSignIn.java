package org.azukari.identity.federation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.azukari.identity.api.ProviderId;

/**
 * What a verified ID token says that the bank uses: the subject (hashed before it is stored,
 * never logged), the {@code acr}, {@code amr} and {@code auth_time} (the evidence), and the address
 * (read for the city's rule, then dropped). {@link #toString()} shows the provider only.
 */
record VerifiedSignIn(ProviderId provider, String subject, Optional<String> acr, List<String> amr,
                      Optional<Instant> authenticatedAt, Optional<String> address) {

    VerifiedSignIn {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(acr);
        amr = List.copyOf(amr);
        Objects.requireNonNull(authenticatedAt);
        Objects.requireNonNull(address);
    }

    @Override
    public String toString() {
        return "VerifiedSignIn[provider=" + provider + "]";
    }
}
