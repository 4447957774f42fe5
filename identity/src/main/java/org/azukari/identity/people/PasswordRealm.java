package org.azukari.identity.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.SimpleAuthenticationInfo;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.credential.AllowAllCredentialsMatcher;
import org.apache.shiro.authz.AuthorizationInfo;
import org.apache.shiro.realm.AuthorizingRealm;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.subject.SimplePrincipalCollection;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.PersonSignInToken;
import org.azukari.identity.api.SessionAssurance;

/**
 * People sign in here with a {@link UsernamePasswordToken} (or a {@link PersonSignInToken}
 * carrying a TOTP code). The primary principal is the {@link Caller}; authorisation comes from
 * the caller's kind alone ({@link PersonPermissions}), and only for principals this realm
 * authenticated, so a caller from another realm never picks up a person's permissions.
 */
public final class PasswordRealm extends AuthorizingRealm {

    public static final String NAME = "passwordRealm";
    private final PasswordAuthenticator authenticator;

    PasswordRealm(PasswordAuthenticator authenticator) {
        this.authenticator = authenticator;
        setName(NAME);
        setAuthenticationTokenClass(UsernamePasswordToken.class);
        // The authenticator has already verified password, lock-out and code, in constant
        // time relative to account existence; there is nothing left for a matcher to compare.
        setCredentialsMatcher(new AllowAllCredentialsMatcher());
        setAuthenticationCachingEnabled(false);
        setAuthorizationCachingEnabled(false);
    }

    @Override
    protected AuthenticationInfo doGetAuthenticationInfo(AuthenticationToken token) throws AuthenticationException {
        UsernamePasswordToken typed = (UsernamePasswordToken) token;
        String password = typed.getPassword() == null ? "" : new String(typed.getPassword());
        Optional<String> code = token instanceof PersonSignInToken withCode ? withCode.code() : Optional.empty();
        PersonAccount account;
        try {
            account = authenticator.signIn(typed.getUsername(), password, code);
        } catch (AuthenticationException refused) {
            throw refused;
        } catch (RuntimeException unavailable) {
            // Not a refusal: the store (or the log the sign-in goes to) did not answer. Typed, so
            // the edge answers 503 rather than "wrong password"; and Shiro would otherwise wrap it
            // with the token's toString(), which for a plain UsernamePasswordToken shows the username.
            throw IdentityUnavailableException.signIn(unavailable);
        }
        // no credentials kept: they were checked above, and an AuthenticationInfo travels far
        List<Object> principals = new ArrayList<>();
        principals.add(account.caller());
        // a password session is as sure as the identity check made when the account was registered
        account.assurance().ifPresent(level -> principals.add(new SessionAssurance(level, Optional.empty())));
        return new SimpleAuthenticationInfo(new SimplePrincipalCollection(principals, getName()), null);
    }

    @Override
    protected AuthorizationInfo doGetAuthorizationInfo(PrincipalCollection principals) {
        return PersonPermissions.ofPersonIn(principals, getName());
    }
}
