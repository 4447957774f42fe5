package org.azukari.server.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The JSON APIs' error vocabulary (operator and audit), mapped once: bad input is 400 problem
 * details with the stable code the module gave (the text before the first space), never the
 * input itself; a missing object is 404.
 */
@RestControllerAdvice(basePackages = {"org.azukari.server.operator", "org.azukari.server.accesslog"})
class ApiErrors {

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
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
