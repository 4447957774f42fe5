package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.apache.shiro.subject.Subject;
import org.apache.shiro.web.filter.AccessControlFilter;
import org.azukari.identity.api.Caller;
import org.azukari.identity.api.PrincipalKind;

/**
 * A signed-in person (session) of one of the kinds named in the chain, e.g.
 * {@code person[OPERATOR]}. Not signed in: 401 problem details, or for pages a redirect to the
 * sign-in page; signed in as another kind: 403. An empty kind list lets no one in.
 */
final class PersonFilter extends AccessControlFilter {

    enum WhenSignedOut { ANSWER_401, REDIRECT_TO_SIGN_IN }

    private final Refusals refusals;
    private final WhenSignedOut whenSignedOut;

    PersonFilter(Refusals refusals, WhenSignedOut whenSignedOut) {
        this.refusals = refusals;
        this.whenSignedOut = whenSignedOut;
    }

    @Override
    protected boolean isAccessAllowed(ServletRequest request, ServletResponse response, Object mappedValue) {
        Subject subject = getSubject(request, response);
        return subject.isAuthenticated()
                && subject.getPrincipal() instanceof Caller caller
                && caller.kind().isPerson()
                && kinds(mappedValue).contains(caller.kind());
    }

    @Override
    protected boolean onAccessDenied(ServletRequest request, ServletResponse response) throws Exception {
        Subject subject = getSubject(request, response);
        if (subject.isAuthenticated() && subject.getPrincipal() instanceof Caller) {
            refusals.forbidden(request, response, "wrong-kind");
        } else if (whenSignedOut == WhenSignedOut.REDIRECT_TO_SIGN_IN) {
            refusals.redirectToSignIn(request, response, "not-signed-in");
        } else {
            refusals.unauthenticated(request, response, "not-signed-in");
        }
        return false;
    }

    private static Set<PrincipalKind> kinds(Object mappedValue) {
        Set<PrincipalKind> kinds = EnumSet.noneOf(PrincipalKind.class);
        if (mappedValue instanceof String[] names) {
            Arrays.stream(names).map(String::trim).map(PrincipalKind::valueOf).forEach(kinds::add);
        }
        return kinds;
    }
}
