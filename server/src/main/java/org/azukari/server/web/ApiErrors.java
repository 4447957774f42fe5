package org.azukari.server.web;

import java.net.URI;
import java.util.UUID;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.ErrorCode;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The JSON APIs' error vocabulary (operator, audit, consent, release, datasets), mapped once: bad
 * input is 400, a missing object (or another resident's) 404, a forbidden action 403, a change
 * the state does not allow 409, a consent store or access log that cannot be used 503 with
 * {@code Retry-After} (nothing changed). Problem details carry only a code from the
 * {@link ProblemCatalogue} and its catalogued message: the code the exception carries
 * ({@link org.azukari.consent.api.Coded}) when the catalogue answers it, the status's generic code
 * otherwise. An exception's message, which may quote what was sent, is never read nor sent; nor is the request path
 * (the {@code instance} is a random {@code urn:uuid:}, logged when a code fell back).
 */
@RestControllerAdvice(basePackages = {"org.azukari.server.operator", "org.azukari.server.accesslog",
        "org.azukari.server.consent", "org.azukari.server.release", "org.azukari.server.datasets"})
class ApiErrors {

    /** What a 503 asks the client to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "30";
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private final ProblemCatalogue catalogue = ProblemCatalogue.load();

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badInput(IllegalArgumentException e) {
        return problem(HttpStatus.BAD_REQUEST, e);
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class})
    ProblemDetail unreadable(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, catalogue.known(FhirGatewayError.OP_0003).orElseThrow());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail wrongParameter(MethodArgumentTypeMismatchException e) {
        return problem(HttpStatus.BAD_REQUEST, catalogue.known(FhirGatewayError.OP_0004).orElseThrow());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, e);
    }

    @ExceptionHandler(Forbidden.class)
    ProblemDetail forbidden(Forbidden e) {
        return problem(HttpStatus.FORBIDDEN, e);
    }

    @ExceptionHandler(Conflict.class)
    ProblemDetail conflict(Conflict e) {
        return problem(HttpStatus.CONFLICT, e);
    }

    @ExceptionHandler(ConsentChangeRefusedException.class)
    ProblemDetail refused(ConsentChangeRefusedException e) {
        return problem(e.notFound() ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, e);
    }

    @ExceptionHandler({ConsentUnavailableException.class, AccessLogUnavailableException.class})
    ResponseEntity<ProblemDetail> unavailable(RuntimeException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, e));
    }

    /**
     * The database busy or briefly away under an API (no pooled connection within the pool's short
     * wait, a lock or statement timeout, a deadlock loser): the transaction rolled back, so 503
     * OP-0503 with {@code Retry-After}, never a 500. Only the class is logged: the text may name
     * tables and values.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        log.warn("OP-0503 answered: the database is busy or unavailable ({})", e.getClass().getSimpleName());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, catalogue.known(FhirGatewayError.OP_0503).orElseThrow()));
    }

    private ProblemDetail problem(HttpStatus status, RuntimeException e) {
        ProblemCatalogue.Problem problem = catalogue.forException(status, e);
        ProblemDetail detail = problem(status, problem);
        if (ProblemCatalogue.carried(e).map(ErrorCode::code).filter(problem.code()::equals).isEmpty()) {
            // the class, the code it fell back to and the occurrence only: the message may quote the input
            log.info("{} {} answered for a {} ({})", status.value(), problem.code(), e.getClass().getSimpleName(),
                    detail.getInstance());
        }
        return detail;
    }

    private static ProblemDetail problem(HttpStatus status, ProblemCatalogue.Problem problem) {
        ProblemDetail detail = ProblemDetail.forStatusAndDetail(status, problem.message());
        detail.setType(URI.create("urn:azukari:problem:" + problem.code()));
        // an occurrence id of our own: left empty, Spring fills in the request path, which may carry what was sent
        detail.setInstance(URI.create("urn:uuid:" + UUID.randomUUID()));
        detail.setProperty("code", problem.code());
        return detail;
    }
}
