package org.azukari.server.consent;

import java.net.URI;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.server.web.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The consent APIs' errors as problem details with the module's stable code, never the input:
 * bad input 400, unknown (or another resident's) consent 404, a change the state does not allow
 * 409, a consent store or access log that cannot be used 503 (nothing changed).
 */
@RestControllerAdvice(basePackages = "org.azukari.server.consent")
class ConsentApiErrors {

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

    @ExceptionHandler(PractitionerEmergencyAccessController.Forbidden.class)
    ProblemDetail forbidden(PractitionerEmergencyAccessController.Forbidden e) {
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
