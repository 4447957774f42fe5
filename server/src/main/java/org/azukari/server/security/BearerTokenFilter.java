package org.azukari.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.subject.support.DefaultSubjectContext;
import org.apache.shiro.web.filter.PathMatchingFilter;
import org.apache.shiro.web.subject.WebSubject;
import org.apache.shiro.web.util.WebUtils;
import org.azukari.identity.api.BearerToken;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.IdentityUnavailableException;

/**
 * Systems' access: {@code Authorization: Bearer <token>} handed to the realms as a
 * {@link BearerToken}. Stateless: a session cookie on the request is ignored and no session is
 * ever created; the authenticated subject lives for this request only. Anything missing or
 * malformed is refused with 401 before a realm sees it. When the token cannot be checked because
 * identity's store is down, the answer is 503 with {@code Retry-After} and no
 * {@code WWW-Authenticate}: the token is not reported invalid.
 */
final class BearerTokenFilter extends PathMatchingFilter {

    /** RFC 6750 b64token (token68). */
    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final String SUBJECT_ATTRIBUTE = BearerTokenFilter.class.getName() + ".subject";

    private final SecurityManager securityManager;
    private final Refusals refusals;

    BearerTokenFilter(SecurityManager securityManager, Refusals refusals) {
        this.securityManager = securityManager;
        this.refusals = refusals;
    }

    @Override
    protected boolean onPreHandle(ServletRequest request, ServletResponse response, Object mappedValue)
            throws Exception {
        // whatever happens next, this request neither uses nor creates a session
        request.setAttribute(CookieOnlySessionManager.STATELESS, Boolean.TRUE);
        request.setAttribute(DefaultSubjectContext.SESSION_CREATION_ENABLED, Boolean.FALSE);

        String token = tokenFrom(WebUtils.toHttp(request));
        if (token == null) {
            refusals.bearerRefused(request, response, "bearer-missing-or-malformed");
            return false;
        }
        AuthenticationInfo info;
        try {
            info = securityManager.authenticate(new BearerToken(token));
        } catch (IdentityUnavailableException e) {
            // the token may well be valid: say the bank is unavailable, never invalid_token
            refusals.unavailable(request, response, e.code());
            return false;
        } catch (AuthenticationException | IllegalArgumentException | IllegalStateException e) {
            // IllegalStateException: no realm configured at all, which must refuse too
            refusals.bearerRefused(request, response, "bearer-refused");
            return false;
        }
        if (info == null || info.getPrincipals() == null || !(info.getPrincipals().getPrimaryPrincipal() instanceof Caller)) {
            refusals.bearerRefused(request, response, "bearer-no-caller");
            return false;
        }
        WebSubject.Builder builder = new WebSubject.Builder(securityManager, request, response);
        builder.principals(info.getPrincipals()).authenticated(true).sessionCreationEnabled(false);
        WebSubject subject = builder.buildWebSubject();
        request.setAttribute(SUBJECT_ATTRIBUTE, subject);
        return true;
    }

    @Override
    protected void executeChain(ServletRequest request, ServletResponse response, FilterChain chain)
            throws Exception {
        WebSubject subject = (WebSubject) request.getAttribute(SUBJECT_ATTRIBUTE);
        if (subject == null) {
            throw new IllegalStateException("bearer filter continued without a subject");
        }
        try {
            subject.execute(() -> {
                chain.doFilter(request, response);
                return null;
            });
        } catch (org.apache.shiro.subject.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof ServletException se) {
                throw se;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            request.removeAttribute(SUBJECT_ATTRIBUTE);
        }
    }

    /** The token of exactly one well-formed {@code Authorization: Bearer} header, or null. */
    static String tokenFrom(HttpServletRequest request) {
        List<String> headers = Collections.list(request.getHeaders("Authorization"));
        if (headers.size() != 1) {
            return null;
        }
        String header = headers.get(0);
        if (header.length() > BearerToken.MAX_LENGTH + 7) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space <= 0 || !header.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
            return null;
        }
        String token = header.substring(space + 1);
        if (token.isEmpty() || token.length() > BearerToken.MAX_LENGTH || !TOKEN68.matcher(token).matches()) {
            return null;
        }
        return token;
    }

}
