package org.azukari.server.security;

import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.pam.FirstSuccessfulStrategy;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.IdentityUnavailableException;

/**
 * The first realm that supports the token and succeeds wins, as with Shiro's
 * {@link FirstSuccessfulStrategy}; but a realm that could not ask its store
 * ({@link IdentityUnavailableException}) ends the attempt with that exception. Shiro's own
 * strategies swallow every realm's exception and end with "could not be authenticated by any
 * realm", which the edge could only answer as a refusal: a database outage would tell a caller
 * with a valid token or the right password that they were wrong.
 */
final class OutagePassingStrategy extends FirstSuccessfulStrategy {

    OutagePassingStrategy() {
        setStopAfterFirstSuccess(true);
    }

    @Override
    public AuthenticationInfo afterAttempt(Realm realm, AuthenticationToken token, AuthenticationInfo singleRealmInfo,
                                           AuthenticationInfo aggregateInfo, Throwable t)
            throws AuthenticationException {
        if (t instanceof IdentityUnavailableException unavailable) {
            throw unavailable;
        }
        return super.afterAttempt(realm, token, singleRealmInfo, aggregateInfo, t);
    }
}
