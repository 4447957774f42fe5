package org.azukari.server.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Replaces Boot's Whitelabel/{@code BasicErrorController}: every 4xx/5xx that reaches the
 * servlet container's error page is answered as a FHIR {@code OperationOutcome} under
 * {@code /fhir}, problem details elsewhere; fixed texts only, no message, no stack trace.
 */
@Controller
class EdgeErrorController implements ErrorController {

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer c && c >= 400 && c <= 599 ? c : HttpServletResponse.SC_NOT_FOUND;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String u ? stripContextPath(request, u) : "/error";
        Responses.write(response, path, status, status >= 500 ? "The request could not be completed."
                : "The request was refused.");
    }

    private static String stripContextPath(HttpServletRequest request, String uri) {
        String context = request.getContextPath();
        return context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length()) : uri;
    }
}
