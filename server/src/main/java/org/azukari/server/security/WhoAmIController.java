package org.azukari.server.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.shiro.SecurityUtils;
import org.azukari.identity.api.Caller;
import org.azukari.ui.signin.Csrf;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Placeholders behind each kind of protection, so the filter chain has real endpoints to guard:
 * who the caller is (ids and kind only), never record data.
 */
@Controller
class WhoAmIController {

    @GetMapping(path = {"/api/operator/whoami", "/api/audit/whoami", "/api/system/ping"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Map<String, String> whoami(HttpServletRequest request) {
        Caller caller = caller();
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("kind", caller.kind().name());
        caller.account().ifPresent(a -> answer.put("account", a.toString()));
        caller.client().ifPresent(c -> answer.put("client", c.toString()));
        caller.organisation().ifPresent(o -> answer.put("organisation", o.toString()));
        // a session's CSRF token, for the scripts of a signed-in page to send as X-CSRF-Token
        // (same-origin only: no CORS here, so another site cannot read it); absent for bearer calls
        if (request.getAttribute(Csrf.REQUEST_ATTRIBUTE) instanceof String token) {
            answer.put("csrfToken", token);
        }
        return answer;
    }

    /** The filter chain guarantees a {@link Caller} here; anything else is a wiring fault. */
    private static Caller caller() {
        if (SecurityUtils.getSubject().getPrincipal() instanceof Caller caller) {
            return caller;
        }
        throw new IllegalStateException("no caller behind a protected endpoint");
    }
}
