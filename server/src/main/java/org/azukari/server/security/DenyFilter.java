package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.apache.shiro.web.filter.AccessControlFilter;

/**
 * The last line of the chain ({@code /**}): whatever the chain does not name is refused,
 * 401 to the anonymous, 403 to anyone signed in.
 */
final class DenyFilter extends AccessControlFilter {

    private final Refusals refusals;

    DenyFilter(Refusals refusals) {
        this.refusals = refusals;
    }

    @Override
    protected boolean isAccessAllowed(ServletRequest request, ServletResponse response, Object mappedValue) {
        return false;
    }

    @Override
    protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws Exception {
        if (getSubject(request, response).isAuthenticated()) {
            refusals.forbidden(request, response, "unlisted-path");
        } else {
            refusals.unauthenticated(request, response, "unlisted-path");
        }
        return false;
    }
}
