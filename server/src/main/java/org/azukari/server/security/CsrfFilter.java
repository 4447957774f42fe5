package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.session.Session;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.filter.PathMatchingFilter;
import org.apache.shiro.web.util.WebUtils;
import org.azukari.ui.signin.Csrf;

/**
 * Synchronizer-token CSRF protection for session (cookie) requests: a random token kept in the
 * session and exposed to pages as the {@value Csrf#REQUEST_ATTRIBUTE} request attribute; every
 * request other than GET/HEAD/OPTIONS must send it back as the {@value Csrf#PARAMETER} form
 * field or the {@value Csrf#HEADER} header, else 403. With {@code csrf[session]} a session is
 * started for an anonymous visitor (the sign-in page), so that the sign-in form is protected
 * too. Bearer routes do not use this filter: no cookie, nothing to forge.
 */
final class CsrfFilter extends PathMatchingFilter {

    static final String SESSION_KEY = CsrfFilter.class.getName() + ".token";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Refusals refusals;

    CsrfFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected boolean onPreHandle(ServletRequest request, ServletResponse response, Object mappedValue)
            throws Exception {
        HttpServletRequest http = WebUtils.toHttp(request);
        Subject subject = SecurityUtils.getSubject();
        boolean safe = SAFE_METHODS.contains(http.getMethod());
        if (!safe) {
            Session session = subject.getSession(false);
            String expected = session == null ? null : (String) session.getAttribute(SESSION_KEY);
            if (!matches(expected, presented(http))) {
                refusals.forbidden(request, response, "csrf-token");
                return false;
            }
        }
        boolean startSession = mappedValue instanceof String[] config && config.length > 0
                && "session".equals(config[0].trim());
        Session session = subject.getSession(startSession);
        if (session != null) {
            request.setAttribute(Csrf.REQUEST_ATTRIBUTE, tokenOf(session));
        }
        return true;
    }

    /** The session's token, created on first use (and so anew in every new session). */
    static String tokenOf(Session session) {
        Object token = session.getAttribute(SESSION_KEY);
        if (token instanceof String existing) {
            return existing;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String created = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        session.setAttribute(SESSION_KEY, created);
        return created;
    }

    private static String presented(HttpServletRequest request) {
        String header = request.getHeader(Csrf.HEADER);
        if (header != null) {
            return header;
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return request.getParameter(Csrf.PARAMETER);
        }
        return null;
    }

    private static boolean matches(String expected, String presented) {
        if (expected == null || presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }
}
