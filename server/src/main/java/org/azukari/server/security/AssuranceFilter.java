package org.azukari.server.security;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.apache.shiro.SecurityUtils;
import org.apache.shiro.subject.PrincipalCollection;
import org.apache.shiro.web.filter.PathMatchingFilter;
import org.apache.shiro.web.util.WebUtils;
import org.azukari.identity.api.AssuranceRule;
import org.azukari.identity.api.SessionAssurance;

/**
 * {@code assurance[RULE]}: the session's {@link SessionAssurance} must satisfy the
 * {@link AssuranceRule} named in the chain (after {@code personPage}, so a person is signed in).
 * Below it — or with no assurance known — the request is not performed: {@code 303} to the
 * step-up page, which says to sign in again with the card. An unknown rule name lets no one through.
 */
final class AssuranceFilter extends PathMatchingFilter {

    static final String STEP_UP = "/portal/step-up";

    @Override
    protected boolean onPreHandle(ServletRequest request, ServletResponse response, Object mappedValue)
            throws Exception {
        Optional<AssuranceRule> rule = ruleOf(mappedValue);
        PrincipalCollection principals = SecurityUtils.getSubject().getPrincipals();
        Optional<SessionAssurance> assurance = principals == null ? Optional.empty()
                : Optional.ofNullable(principals.oneByType(SessionAssurance.class));
        if (rule.isPresent() && rule.get().allows(assurance)) {
            return true;
        }
        HttpServletResponse http = WebUtils.toHttp(response);
        http.setStatus(HttpServletResponse.SC_SEE_OTHER);
        http.setHeader("Location", WebUtils.toHttp(request).getContextPath() + STEP_UP);
        http.setHeader("Cache-Control", "no-store");
        return false;
    }

    private static Optional<AssuranceRule> ruleOf(Object mappedValue) {
        if (mappedValue instanceof String[] config && config.length == 1) {
            try {
                return Optional.of(AssuranceRule.valueOf(config[0].trim()));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
