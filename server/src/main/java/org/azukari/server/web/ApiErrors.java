package org.azukari.server.web;

import java.net.URI;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The JSON APIs' error vocabulary (operator, audit, consent, release, datasets), mapped once: bad input is
 * 400 problem details with the stable code the module gave (the text before the first space),
 * never the input itself; a missing object (or another resident's) is 404, a forbidden action
 * 403, a change the state does not allow 409, a consent store or access log that cannot be used
 * 503 (nothing changed).
 */
@RestControllerAdvice(basePackages = {"org.azukari.server.operator", "org.azukari.server.accesslog",
        "org.azukari.server.consent", "org.azukari.server.release", "org.azukari.server.datasets"})
class ApiErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    ProblemDetail unreadable(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "OP-0003 the body is not the JSON this operation takes");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, "OP-0004 a parameter has the wrong form");
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @ExceptionHandler(ConsentChangeRefusedException.class)
    ProblemDetail refused(ConsentChangeRefusedException e) {
        return problem(e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler({ConsentUnavailableException.class, AccessLogUnavailableException.class})
    ProblemDetail unavailable(RuntimeException e) {
        String code = e.getMessage() == null ? "CP-0210" : e.getMessage().split(" ", 2)[0];
        return problem(HttpStatus.SERVICE_UNAVAILABLE, code + " not available now; nothing was changed");
    }

    private static ProblemDetail problem(HttpStatus status, String message) {
        String text = message == null ? "" : message;
        int space = text.indexOf(' ');
        String code = space > 0 ? text.substring(0, space) : "OP-0000";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, space > 0 ? text.substring(space + 1) : text);
        problem.setType(URI.create("urn:azukari:problem:" + code));
        problem.setProperty("code", code);
        return problem;
    }
}
