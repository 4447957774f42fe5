package org.azukari.identity.oauth;

import static org.azukari.identity.api.TokenRequest.CLIENT_ASSERTION;
import static org.azukari.identity.api.TokenRequest.CLIENT_ASSERTION_TYPE;
import static org.azukari.identity.api.TokenRequest.GRANT_TYPE;
import static org.azukari.identity.api.TokenRequest.SCOPE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.OAuthError;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.api.ClientScopes;
import org.azukari.identity.api.SmartScopes;
import org.azukari.identity.api.TokenRequest;
import org.azukari.identity.api.TokenResponse;
import org.azukari.identity.api.TokenService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMART Backend Services token endpoint. Order of checks: parameters, then the assertion
 * ({@link ClientAssertionVerifier}), then the scopes, and only then the {@code jti} is spent, so
 * nothing is consumed by a request that is refused for another reason. Each outcome is one
 * security event, with the client id only once the client is authenticated (otherwise the
 * subject is {@code unknown}: an unverified {@code iss} is never recorded). If the store cannot be
 * asked (client registry, used {@code jti}s, the log the issued token is recorded in), the answer
 * is {@link TokenResponse.Unavailable} ({@code ID-0268}), never {@code invalid_client}; nothing is
 * issued.
 */
public final class SmartTokenService implements TokenService {

    private static final Logger log = LoggerFactory.getLogger(SmartTokenService.class);
    private static final List<String> PARAMETERS = List.of(GRANT_TYPE, CLIENT_ASSERTION_TYPE, CLIENT_ASSERTION, SCOPE);
    private static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);

    private final ClientAssertionVerifier assertions;
    private final JdbcUsedJtis usedJtis;
    private final AccessTokens accessTokens;
    private final SecurityEvents events;
    private final Clock clock;
    private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

    SmartTokenService(ClientAssertionVerifier assertions, JdbcUsedJtis usedJtis, AccessTokens accessTokens,
                      SecurityEvents events, Clock clock) {
        this.assertions = assertions;
        this.usedJtis = usedJtis;
        this.accessTokens = accessTokens;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public TokenResponse token(TokenRequest request) {
        Optional<Client> authenticated = Optional.empty();
        try {
            checkParameters(request);
            ClientAssertionVerifier.Verified verified =
                    assertions.verify(request.parameter(CLIENT_ASSERTION).orElseThrow());
            authenticated = Optional.of(verified.client());
            SmartScopes granted = grant(request.parameter(SCOPE).orElseThrow(), verified.client());
            spend(verified);
            String token = accessTokens.issue(verified.client(), granted);
            record(SecurityEvent.Type.TOKEN_ISSUED, authenticated, "ID-0240");
            return new TokenResponse.Issued(token, accessTokens.lifetimeSeconds(), granted);
        } catch (Refusal refusal) {
            recordRefusal(authenticated, refusal.reasonCode());
            return new TokenResponse.Refused(refusal.error());
        } catch (RuntimeException storeFailure) {
            // the registry, the used-jti table or the log did not answer: not the client's fault
            log.warn("{} token request not answered: {}", IdentityUnavailableException.TOKEN_ENDPOINT,
                    storeFailure.getClass().getSimpleName());
            return new TokenResponse.Unavailable();
        }
    }

    /** The refusal stands whether or not it can be recorded (the store may be what failed). */
    private void recordRefusal(Optional<Client> client, String reasonCode) {
        try {
            record(SecurityEvent.Type.TOKEN_REFUSED, client, reasonCode);
        } catch (RuntimeException e) {
            log.warn("{} token refusal could not be recorded: {}", reasonCode, e.getClass().getSimpleName());
        }
    }

    private static void checkParameters(TokenRequest request) throws Refusal {
        for (String name : PARAMETERS) {
            if (request.isRepeated(name)) {
                throw new Refusal(OAuthError.INVALID_REQUEST, IdentityError.ID_0251);
            }
        }
        Optional<String> grantType = request.parameter(GRANT_TYPE);
        if (grantType.isEmpty()) {
            throw new Refusal(OAuthError.INVALID_REQUEST, IdentityError.ID_0250);
        }
        if (!TokenRequest.CLIENT_CREDENTIALS.equals(grantType.get())) {
            throw new Refusal(OAuthError.UNSUPPORTED_GRANT_TYPE, IdentityError.ID_0252);
        }
        if (request.parameter(CLIENT_ASSERTION_TYPE).isEmpty() || request.parameter(CLIENT_ASSERTION).isEmpty()
                || request.parameter(SCOPE).isEmpty()) {
            throw new Refusal(OAuthError.INVALID_REQUEST, IdentityError.ID_0250);
        }
        if (!TokenRequest.JWT_BEARER.equals(request.parameter(CLIENT_ASSERTION_TYPE).get())) {
            throw Refusal.client(IdentityError.ID_0253);
        }
    }

    private static SmartScopes grant(String scope, Client client) throws Refusal {
        SmartScopes requested;
        try {
            requested = SmartScopes.parse(scope);
        } catch (IllegalArgumentException malformed) {
            throw new Refusal(OAuthError.INVALID_SCOPE, IdentityError.ID_0264);
        }
        // the access log is for audit systems alone: another kind naming it is refused outright,
        // not quietly granted the rest (a wildcard does not reach it either: see ClientScopes)
        if (!requested.scopes().stream().filter(s -> ClientScopes.AUDIT_EVENT.equals(s.resourceType()))
                .allMatch(s -> ClientScopes.fits(client.kind(), s))) {
            throw new Refusal(OAuthError.INVALID_SCOPE, IdentityError.ID_0269);
        }
        SmartScopes granted = ScopeGrant.grant(requested, client.allowedScopes());
        if (granted.isEmpty()) {
            throw new Refusal(OAuthError.INVALID_SCOPE, IdentityError.ID_0265);
        }
        return granted;
    }

    /** Spends the jti until the assertion could no longer be accepted (exp plus the skew allowed on it). */
    private void spend(ClientAssertionVerifier.Verified verified) throws Refusal {
        Instant now = clock.instant();
        Instant last = lastPurge.get();
        if (last.plus(PURGE_INTERVAL).isBefore(now) && lastPurge.compareAndSet(last, now)) {
            usedJtis.purge(now);
        }
        Instant keepUntil = verified.expiresAt().plus(OAuthSettings.MAX_CLOCK_SKEW);
        if (!usedJtis.claim(verified.client().id(), verified.jti(), keepUntil)) {
            throw Refusal.client(IdentityError.ID_0263);
        }
    }

    private void record(SecurityEvent.Type type, Optional<Client> client, String reasonCode) {
        events.record(new SecurityEvent(clock.instant(), type, client.map(Client::kind),
                client.map(c -> c.id().value()).orElse("unknown"), client.map(Client::organisation), reasonCode,
                Optional.of("/oauth/token")));
    }

    /** Assembles the service; {@code dataSource} holds {@code id_used_jti}. */
    public static SmartTokenService create(OrganisationRegistry registry, DataSource dataSource, BankSigningKey key,
                                           OAuthSettings settings, SecurityEvents events, Clock clock) {
        return new SmartTokenService(new ClientAssertionVerifier(registry, settings, clock), new JdbcUsedJtis(dataSource),
                new AccessTokens(key, settings, clock), events, clock);
    }
}
