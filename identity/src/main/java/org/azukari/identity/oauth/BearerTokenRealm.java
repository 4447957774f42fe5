package org.azukari.identity.oauth;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.authz.SimpleAuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.azukari.identity.api.BearerToken;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.Client;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.Permissions;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts the bank's own access tokens as {@link BearerToken}s. A token must verify
 * ({@link AccessTokens}) and its client must still be registered, active, and of the same kind
 * and organisation as the token says; a deactivated client's tokens stop working at once.
 *
 * <p>Principals: the primary one is {@link Caller#system}; the second is the
 * {@link org.azukari.identity.api.SmartScopes} granted (read it with
 * {@code principals.oneByType(SmartScopes.class)}). Permissions come from the client kind only:
 * a source feed {@link Permissions#ingestAs}, a clinic EMR {@link Permissions#requestReleaseFor},
 * a wellness service {@link Permissions#requestDatasetsFor}, each for its own organisation.
 * Nothing is cached: each request re-checks the token and the client. If the registry cannot
 * be asked, the answer is {@link IdentityUnavailableException} ({@code ID-0276}), never a refusal.
 */
public final class BearerTokenRealm extends AuthorizingRealm {

    public static final String NAME = "bearerTokenRealm";
    private static final Logger log = LoggerFactory.getLogger(BearerTokenRealm.class);

    private final AccessTokens tokens;
    private final OrganisationRegistry registry;
    private final SecurityEvents events;
    private final Clock clock;

    BearerTokenRealm(AccessTokens tokens, OrganisationRegistry registry, SecurityEvents events, Clock clock) {
        this.tokens = tokens;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        setName(NAME);
        setAuthenticationTokenClass(BearerToken.class);
        setAuthenticationCachingEnabled(false);
        setAuthorizationCachingEnabled(false);
        setCachingEnabled(false);
    }

    public static BearerTokenRealm create(OrganisationRegistry registry, BankSigningKey key, OAuthSettings settings,
                                          SecurityEvents events, Clock clock) {
        return new BearerTokenRealm(new AccessTokens(key, settings, clock), registry, events, clock);
    }

    @Override
    public boolean supports(AuthenticationToken token) {
        return token instanceof BearerToken;
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        BearerToken bearer = (BearerToken) token;
        try {
            AccessTokens.Claims claims = tokens.verify(bearer.token());
            Client client = registry.findClient(claims.client())
                    .filter(Client::isActive)
                    .filter(c -> c.kind() == claims.kind() && c.organisation().equals(claims.organisation()))
                    .orElseThrow(() -> Refusal.client(IdentityError.ID_0275));
            SimplePrincipalCollection principals = new SimplePrincipalCollection();
            principals.add(Caller.system(client.kind(), client.id(), client.organisation()), getName());
            principals.add(claims.scopes(), getName());
            return new SimpleAuthenticationInfo(principals, bearer.token());
        } catch (Refusal refusal) {
            recordRefusal(refusal);
            throw new AuthenticationException(refusal.reasonCode() + " bearer token refused");
        } catch (RuntimeException storeFailure) {
            // the registry did not answer: the token may well be valid, so this is no refusal
            throw IdentityUnavailableException.bearerToken(storeFailure);
        }
    }

    /** The refusal stands whether or not it can be recorded (the store may be what failed). */
    private void recordRefusal(Refusal refusal) {
        try {
            events.record(new SecurityEvent(clock.instant(), SecurityEvent.Type.TOKEN_REFUSED, Optional.empty(),
                    "unknown", Optional.empty(), refusal.reasonCode(), Optional.empty()));
        } catch (RuntimeException e) {
            log.warn("{} token refusal could not be recorded: {}", refusal.reasonCode(), e.getClass().getSimpleName());
        }
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        Set<String> permissions = new LinkedHashSet<>();
        for (Object principal : principals.fromRealm(getName())) {
            if (principal instanceof Caller caller && caller.organisation().isPresent()) {
                switch (caller.kind()) {
                    case SOURCE_FEED -> permissions.add(Permissions.ingestAs(caller.organisation().get()));
                    case CLINIC_EMR -> permissions.add(Permissions.requestReleaseFor(caller.organisation().get()));
                    case WELLNESS_SERVICE -> permissions.add(Permissions.requestDatasetsFor(caller.organisation().get()));
                    case AUDIT_SYSTEM -> permissions.add(Permissions.READ_ACCESS_LOG);
                    default -> { }
                }
            }
        }
        SimpleAuthorizationInfo info = new SimpleAuthorizationInfo();
        info.setStringPermissions(permissions);
        return info;
    }
}
