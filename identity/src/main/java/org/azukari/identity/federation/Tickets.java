package org.azukari.identity.federation;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.FederatedSignInTicket;
import org.azukari.identity.api.SessionAssurance;

/**
 * Verified sign-ins waiting to be redeemed by the realm, in memory: each handle is random, lives
 * {@link #LIFETIME} and is redeemed once. The ticket is issued and redeemed within one request on
 * one instance (the callback), so nothing needs to be shared between instances.
 */
final class Tickets {

    static final Duration LIFETIME = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    record Verified(Caller caller, SessionAssurance assurance, Instant expires) {
    }

    private final Map<String, Verified> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    Tickets(Clock clock) {
        this.clock = clock;
    }

    FederatedSignInTicket issue(Caller caller, SessionAssurance assurance) {
        Instant now = clock.instant();
        waiting.values().removeIf(v -> !v.expires().isAfter(now));
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String handle = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        waiting.put(handle, new Verified(caller, assurance, now.plus(LIFETIME)));
        return new FederatedSignInTicket(handle);
    }

    Optional<Verified> redeem(FederatedSignInTicket ticket) {
        Verified verified = waiting.remove(ticket.handle());
        return verified != null && verified.expires().isAfter(clock.instant()) ? Optional.of(verified) : Optional.empty();
    }
}
