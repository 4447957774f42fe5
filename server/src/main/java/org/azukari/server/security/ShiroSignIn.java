package org.azukari.server.security;

import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.FederatedSignInTicket;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.identity.api.PersonSignInToken;
import org.azukari.ui.signin.SignIn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * People's sign-in through Shiro: {@code subject.login} with the realms' token type, then a new
 * session (session fixation protection: the pre-sign-in session, CSRF token included, is
 * stopped and nothing from it is carried over), then a landing page by kind. A store that
 * cannot be asked is not a refusal: {@link IdentityUnavailableException} goes on to the page.
 */
final class ShiroSignIn implements SignIn {

    private static final Logger log = LoggerFactory.getLogger(ShiroSignIn.class);
    /** Far above any real user name or pass phrase; refuse before a hash is computed. */
    static final int MAX_USERNAME = 256;
    static final int MAX_PASSWORD = 1024;
    static final int MAX_CODE = 16;

    private final SecurityManager securityManager;

    ShiroSignIn(SecurityManager securityManager) {
        this.securityManager = securityManager;
    }

    @Override
    public Optional<String> signIn(String username, char[] password, String oneTimeCode) {
        if (username == null || password == null || username.isBlank() || password.length == 0
                || username.length() > MAX_USERNAME || password.length > MAX_PASSWORD
                || (oneTimeCode != null && oneTimeCode.length() > MAX_CODE)) {
            return Optional.empty();
        }
        Subject subject = SecurityUtils.getSubject();
        AuthenticationToken token = tokenFor(username.strip(), password, oneTimeCode);
        try {
            subject.login(token);
        } catch (IdentityUnavailableException e) {
            // not a wrong password: the page answers 503 (the ui's PageErrors)
            throw e;
        } catch (AuthenticationException e) {
            log.debug("sign-in refused: {}", e.getClass().getSimpleName());
            return Optional.empty();
        } catch (IllegalStateException e) {
            // Shiro's "no realms configured": refuse like any failure, but say so in the log
            log.error("sign-in impossible: {}", e.getMessage());
            return Optional.empty();
        } finally {
            if (token instanceof UsernamePasswordToken upt) {
                upt.clear();
            }
        }
        Optional<String> landing = subject.getPrincipal() instanceof Caller caller && caller.kind().isPerson()
                ? Optional.of(landingPage(caller)) : Optional.empty();
        if (landing.isEmpty()) {
            // a realm answered with something that is not a person: no session for it
            subject.logout();
            return Optional.empty();
        }
        renewSession(subject);
        return landing;
    }

    @Override
    public Optional<String> signIn(FederatedSignInTicket ticket) {
        Subject subject = SecurityUtils.getSubject();
        try {
            subject.login(ticket);
        } catch (IdentityUnavailableException e) {
            throw e;
        } catch (AuthenticationException e) {
            log.debug("federated sign-in refused: {}", e.getClass().getSimpleName());
            return Optional.empty();
        }
        return landOrLeave(subject);
    }

    private Optional<String> landOrLeave(Subject subject) {
        Optional<String> landing = subject.getPrincipal() instanceof Caller caller && caller.kind().isPerson()
                ? Optional.of(landingPage(caller)) : Optional.empty();
        if (landing.isEmpty()) {
            subject.logout();
            return Optional.empty();
        }
        renewSession(subject);
        return landing;
    }

    /** The token handed to the realms: identity's sign-in token, with the code when one was typed. */
    static AuthenticationToken tokenFor(String username, char[] password, String oneTimeCode) {
        Optional<String> code = oneTimeCode == null || oneTimeCode.isBlank()
                ? Optional.empty() : Optional.of(oneTimeCode.strip());
        return new PersonSignInToken(username, password, code);
    }

    /** Stops the pre-sign-in session and stores the signed-in state in a brand-new one. */
    private void renewSession(Subject subject) {
        Session old = subject.getSession(false);
        if (old != null) {
            old.stop();
        }
        if (securityManager instanceof DefaultSecurityManager manager) {
            manager.getSubjectDAO().save(subject);
        }
    }

    static String landingPage(Caller caller) {
        return switch (caller.kind()) {
            case OPERATOR -> "/operator";
            case PRACTITIONER -> "/clinic";
            case AUDITOR -> "/audit";
            default -> "/portal";
        };
    }

    @Override
    public void signOut() {
        SecurityUtils.getSubject().logout();
    }
}
