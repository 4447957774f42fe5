package org.azukari.ui.web;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.shiro.SecurityUtils;
import org.azukari.identity.api.Caller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What the layout needs on every page: the signed-in person's kind (for the navigation; absent on
 * the sign-in page) and the path (to mark the current section). Ids and kinds only.
 */
@ControllerAdvice(basePackages = "org.azukari.ui")
class PageModel {

    @ModelAttribute("me")
    String kind() {
        return SecurityUtils.getSubject().getPrincipal() instanceof Caller caller ? caller.kind().name() : null;
    }

    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
