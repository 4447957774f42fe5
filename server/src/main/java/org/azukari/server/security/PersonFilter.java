package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.filter.AccessControlFilter;
import org.azukari.identity.api.AccountStatuses;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.CallerPermission;
import org.springframework.beans.factory.ObjectProvider;

/**
 * A signed-in person (session) whom Shiro grants one of the permissions named in the chain, e.g.
 * {@code personApi[ADMINISTER_REGISTRY]} ({@link CallerPermission} names, any one of them
 * suffices, each for the person's own organisation or resident), whose account is not disabled.
 * Not signed in: 401 problem details, or for pages a redirect to the sign-in page; signed in
 * without any of them: 403. An empty list lets no one in.
 *
 * <p>The account's status is read on every request, so disabling an account ends its sessions at
 * their next request on every instance: the session is stopped and the caller treated as signed
 * out. If the status cannot be read the answer is 503 with {@code Retry-After} ({@code ID-0136}),
 * the 503 page for a page chain: neither let in nor signed out.
 */
final class PersonFilter extends AccessControlFilter {

    enum WhenSignedOut { ANSWER_401, REDIRECT_TO_SIGN_IN }

    static final String STATUS_UNAVAILABLE = "ID-0136";

    private final Refusals refusals;
    private final WhenSignedOut whenSignedOut;
    private final ObjectProvider<AccountStatuses> statuses;

    PersonFilter(Refusals refusals, WhenSignedOut whenSignedOut, ObjectProvider<AccountStatuses> statuses) {
        this.refusals = refusals;
        this.whenSignedOut = whenSignedOut;
        this.statuses = statuses;
    }

    @Override
    public boolean onPreHandle(ServletRequest request, ServletResponse response, Object mappedValue) throws Exception {
        if (!isAccessAllowed(request, response, mappedValue)) {
            return onAccessDenied(request, response);
        }
        Subject subject = getSubject(request, response);
        Caller caller = (Caller) subject.getPrincipal();
        boolean disabled;
        try {
            AccountStatuses store = statuses.getIfAvailable();
            disabled = store == null || caller.account().map(store::isDisabled).orElse(true);
        } catch (RuntimeException storeDown) {
            if (whenSignedOut == WhenSignedOut.REDIRECT_TO_SIGN_IN) {
                refusals.unavailablePage(request, response, STATUS_UNAVAILABLE);
            } else {
                refusals.unavailable(request, response, STATUS_UNAVAILABLE);
            }
            return false;
        }
        if (disabled) {
            subject.logout();
            signedOut(request, response, "account-disabled");
            return false;
        }
        return true;
    }

    @Override
    protected boolean isAccessAllowed(ServletRequest request, ServletResponse response, Object mappedValue) {
        Subject subject = getSubject(request, response);
        return subject.isAuthenticated()
                && subject.getPrincipal() instanceof Caller caller
                && caller.kind().isPerson()
                && permissions(mappedValue).stream().anyMatch(permission -> permission.isHeldBy(subject));
    }

    @Override
    protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws Exception {
        Subject subject = getSubject(request, response);
        if (subject.isAuthenticated() && subject.getPrincipal() instanceof Caller) {
            refusals.forbidden(request, response, "missing-permission");
        } else {
            signedOut(request, response, "not-signed-in");
        }
        return false;
    }

    private void signedOut(ServletRequest request, ServletResponse response, String reason) throws Exception {
        if (whenSignedOut == WhenSignedOut.REDIRECT_TO_SIGN_IN) {
            refusals.redirectToSignIn(request, response, reason);
        } else {
            refusals.unauthenticated(request, response, reason);
        }
    }

    static Set<CallerPermission> permissions(Object mappedValue) {
        Set<CallerPermission> permissions = EnumSet.noneOf(CallerPermission.class);
        if (mappedValue instanceof String[] names) {
            Arrays.stream(names).map(String::trim).map(CallerPermission::valueOf).forEach(permissions::add);
        }
        return permissions;
    }
}
