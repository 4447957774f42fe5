package org.azukari.identity.federation;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.azukari.identity.api.AuthorizationStart;
import org.azukari.identity.api.FederatedSignIn;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.FederatedSignInTicket;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.PendingAuthorization;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.api.SessionAssurance;
import org.azukari.identity.api.SignInProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * The relying party over every configured provider: checks, then the account, then a ticket. A
 * sign-in started more than {@link #MAX_PENDING} ago is refused like one never started. The
 * sign-in is a security event ({@code ID-0320} an account created, {@code ID-0321} signed in again).
 */
final class DefaultFederatedSignIn implements FederatedSignIn {

    static final Duration MAX_PENDING = Duration.ofMinutes(10);
    static final String CREATED = "ID-0320";
    static final String RETURNED = "ID-0321";

    private final Map<ProviderId, OidcClient> clients;
    private final FederatedAccounts accounts;
    private final Tickets tickets;
    private final SecurityEvents events;
    private final Clock clock;

    DefaultFederatedSignIn(Map<ProviderId, OidcClient> clients, FederatedAccounts accounts, Tickets tickets,
                           SecurityEvents events, Clock clock) {
        this.clients = Map.copyOf(clients);
        this.accounts = accounts;
        this.tickets = tickets;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public List<SignInProvider> providers() {
        return clients.values().stream().map(c -> c.settings().label())
                .sorted(java.util.Comparator.comparing(p -> p.id().value())).toList();
    }

    @Override
    public AuthorizationStart begin(ProviderId provider) {
        return client(provider).begin();
    }

    @Override
    public FederatedSignInTicket complete(PendingAuthorization pending, URI callback) {
        if (pending == null || pending.started().plus(MAX_PENDING).isBefore(clock.instant())) {
            throw new FederatedSignInException(IdentityError.ID_0301, "no matching sign-in in progress");
        }
        OidcClient client = client(pending.provider());
        VerifiedSignIn verified = client.complete(pending, callback);
        FederatedAccounts.Outcome outcome;
        try {
            outcome = accounts.signIn(client.settings(), verified);
            events.record(new SecurityEvent(clock.instant(), SecurityEvent.Type.SIGN_IN,
                    Optional.of(outcome.account().kind()), outcome.account().account().toString(), Optional.empty(),
                    outcome.created() ? CREATED : RETURNED, Optional.empty()));
        } catch (DataAccessException | TransactionException e) {
            throw IdentityUnavailableException.signIn(e);
        }
        SessionAssurance assurance = new SessionAssurance(AccountRule.assuranceFor(client.settings(), verified.acr()),
                Optional.of(pending.provider()));
        return tickets.issue(outcome.account().caller(), assurance);
    }

    private OidcClient client(ProviderId provider) {
        OidcClient client = provider == null ? null : clients.get(provider);
        if (client == null) {
            throw new FederatedSignInException(IdentityError.ID_0300, "unknown sign-in provider");
        }
        return client;
    }
}
