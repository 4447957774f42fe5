package org.azukari.ui.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.net.URI;
import java.net.URISyntaxException;
import org.azukari.identity.api.AuthorizationStart;
import org.azukari.identity.api.FederatedSignIn;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.FederatedSignInTicket;
import org.azukari.identity.api.IdentityError;
import org.azukari.identity.api.PendingAuthorization;
import org.azukari.identity.api.ProviderId;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Sign-in through a provider (the My Number card, a city's digital ID): {@code GET
 * /signin/oidc/{provider}} (a link on the sign-in page and the step-up page) sends the person to the
 * provider and remembers the request in the session; the provider sends them
 * back to {@code GET /signin/oidc/{provider}/callback}. The remembered request is taken out of the
 * session before anything is checked, so an answer is used at most once. Refusals and an
 * unavailable provider are answered by {@code PageErrors} (the error page, nothing created).
 *
 * <p>A link, not a form: the pages' {@code form-action 'self'} policy rightly stops a form whose
 * answer redirects to another site. Starting a sign-in changes nothing but the visitor's own session,
 * and the answer is bound to that session by {@code state}, so there is nothing for a forged link to gain.
 */
@Controller
class FederatedSignInController {

    static final String PENDING = FederatedSignInController.class.getName() + ".pending";

    private final FederatedSignIn federated;
    private final SignIn signIn;

    FederatedSignInController(FederatedSignIn federated, SignIn signIn) {
        this.federated = federated;
        this.signIn = signIn;
    }

    @GetMapping("/signin/oidc/{provider}")
    String start(@PathVariable String provider, HttpSession session) {
        AuthorizationStart start = federated.begin(new ProviderId(provider));
        session.setAttribute(PENDING, start.pending());
        return "redirect:" + start.redirectTo();
    }

    @GetMapping("/signin/oidc/{provider}/callback")
    String callback(@PathVariable String provider, HttpServletRequest request, HttpSession session) {
        Object remembered = session.getAttribute(PENDING);
        session.removeAttribute(PENDING);
        if (!(remembered instanceof PendingAuthorization pending) || !pending.provider().value().equals(provider)) {
            throw new FederatedSignInException(IdentityError.ID_0301, "no matching sign-in in progress");
        }
        FederatedSignInTicket ticket = federated.complete(pending, callbackUri(request));
        return signIn.signIn(ticket).map(next -> "redirect:" + next)
                .orElseThrow(() -> new FederatedSignInException(IdentityError.ID_0301,
                        "no matching sign-in in progress"));
    }

    private static URI callbackUri(HttpServletRequest request) {
        String query = request.getQueryString();
        try {
            return new URI(request.getRequestURL() + (query == null ? "" : "?" + query));
        } catch (URISyntaxException e) {
            throw new FederatedSignInException(IdentityError.ID_0301, "no matching sign-in in progress");
        }
    }
}
