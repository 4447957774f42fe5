package org.azukari.identity.api;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * How sure the bank is, for this session, that the person at the keyboard is the account's
 * owner: a second principal next to the {@link Caller}. Signed in through a provider, it is the
 * level the provider's {@code acr} maps to at this sign-in; signed in with a password, the level of
 * the identity check made when the account was registered. Actions that need the card
 * ({@link AssuranceRule}) ask for at least {@link AssuranceLevel#HIGH}.
 */
public record SessionAssurance(AssuranceLevel level, Optional<ProviderId> provider) implements Serializable {

    public SessionAssurance {
        Objects.requireNonNull(level);
        Objects.requireNonNull(provider);
    }
}
