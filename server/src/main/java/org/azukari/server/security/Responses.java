package org.azukari.server.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;

/**
 * The two error shapes of the edge, written in one place: a FHIR {@code OperationOutcome} under
 * {@code /fhir}, RFC 9457 problem details everywhere else. Bodies carry fixed texts only, never
 * anything from the request.
 */
final class Responses {

    static final String FHIR_JSON = "application/fhir+json;charset=UTF-8";
    static final String PROBLEM_JSON = "application/problem+json";
    /** What a 503 of the edge asks callers to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "30";

    private Responses() {
    }

    /** Whether the (already normalised) application path belongs to the FHIR API. */
    static boolean isFhir(String path) {
        return path != null && (path.equals("/fhir") || path.startsWith("/fhir/"));
    }

    static void write(HttpServletResponse response, String path, int status, String diagnostics) throws IOException {
        String body;
        if (isFhir(path)) {
            response.setContentType(FHIR_JSON);
            body = operationOutcome(status, diagnostics);
        } else {
            response.setContentType(PROBLEM_JSON);
            body = problem(status, diagnostics);
        }
        response.setStatus(status);
        response.setHeader("Cache-Control", "no-store");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    static void writePage(HttpServletResponse response, int status, String html) throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
        response.flushBuffer();
    }

    static String problem(int status, String detail) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return "{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":" + status
                + ",\"detail\":\"" + json(detail) + "\"}";
    }

    static String operationOutcome(int status, String diagnostics) {
        return "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\""
                + issueCode(status) + "\",\"diagnostics\":\"" + json(diagnostics) + "\"}]}";
    }

    /** FHIR issue-type codes (http://hl7.org/fhir/issue-type) for the statuses the edge answers. */
    private static String issueCode(int status) {
        return switch (status) {
            case 401 -> "login";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 400, 405, 406, 415 -> "invalid";
            case 429 -> "throttled";
            case 503 -> "transient";
            default -> status >= 500 ? "exception" : "processing";
        };
    }

    /** The text escaped for a JSON string (Jackson's encoder: quotes, backslashes and control characters). */
    private static String json(String text) {
        return new String(JsonStringEncoder.getInstance().quoteAsString(text));
    }

    static String path(HttpServletRequest request) {
        return org.apache.shiro.web.util.WebUtils.getPathWithinApplication(request);
    }
}
