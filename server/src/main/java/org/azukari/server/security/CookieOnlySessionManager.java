package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import java.io.Serializable;
import org.apache.shiro.web.servlet.ShiroHttpServletRequest;
import org.apache.shiro.web.session.mgt.DefaultWebSessionManager;
import org.apache.shiro.web.util.WebUtils;

/**
 * Shiro's native web sessions, taking the session id from the session cookie only: never from
 * a {@code ;JSESSIONID=} path parameter or a query parameter (which Shiro otherwise accepts),
 * and not at all on requests the bearer filter has marked stateless; and never writing the
 * session id into URLs.
 */
final class CookieOnlySessionManager extends DefaultWebSessionManager {

    /** Request attribute set by stateless (bearer) filters. */
    static final String STATELESS = CookieOnlySessionManager.class.getName() + ".stateless";

    @Override
    protected Serializable getSessionId(ServletRequest request, ServletResponse response) {
        // without this, Shiro's response wrapper appends ;JSESSIONID=... to every encoded URL
        // of a response whose request carried no cookie (the first visit to the sign-in page)
        request.setAttribute(ShiroHttpServletRequest.SESSION_ID_URL_REWRITING_ENABLED, Boolean.FALSE);
        if (Boolean.TRUE.equals(request.getAttribute(STATELESS)) || !hasSessionCookie(request)) {
            return null;
        }
        return super.getSessionId(request, response);
    }

    private boolean hasSessionCookie(ServletRequest request) {
        Cookie[] cookies = WebUtils.toHttp(request).getCookies();
        if (cookies == null) {
            return false;
        }
        String name = getSessionIdCookie().getName();
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return true;
            }
        }
        return false;
    }
}
