package org.azukari.identity.federation;

import java.util.List;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.FederatedSignInTicket;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.people.PersonPermissions;

/**
 * Signs in a person whose sign-in through a provider {@link DefaultFederatedSignIn} has verified,
 * by redeeming its one-time {@link FederatedSignInTicket}. The principals are the {@link Caller} and
 * the session's {@link org.azukari.identity.api.SessionAssurance}; permissions come from the
 * caller's kind ({@link PersonPermissions}), as for a password sign-in.
 */
public final class FederatedRealm extends AuthorizingRealm {

    public static final String NAME = "federatedRealm";
    private final Tickets tickets;

    FederatedRealm(Tickets tickets) {
        this.tickets = tickets;
        setName(NAME);
        setAuthenticationTokenClass(FederatedSignInTicket.class);
        // the ticket is the proof: it was issued after the ID token was verified, and is redeemed here once
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setAuthenticationCachingEnabled(false);
        setAuthorizationCachingEnabled(false);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) {
        Tickets.Verified verified = tickets.redeem((FederatedSignInTicket) token)
                .orElseThrow(() -> new AuthenticationException(
                        IdentityError.ID_0301.message("no matching sign-in in progress")));
        return new SimpleAuthenticationInfo(
                new SimplePrincipalCollection(List.of(verified.caller(), verified.assurance()), getName()), null);
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        return PersonPermissions.ofPersonIn(principals, getName());
    }
}
