package org.azukari.ui.web;

import jakarta.servlet.http.HttpServletResponse;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.Coded;
import org.azukari.consent.api.ConsentChangeRefusedException;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.identity.api.FederatedProviderUnavailableException;
import org.azukari.identity.api.FederatedSignInException;
import org.azukari.identity.api.IdentityUnavailableException;
import org.azukari.trustbank.api.ErasureLedgerUnavailableException;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The pages' errors as pages, never a stack trace and never what was typed: bad input 400 (with
 * the module's stable code), nothing there 404, a change the state does not allow 409, the key
 * vault, consent store, access log, erasure ledger or identity's store (a sign-in that could not be checked)
 * unavailable 503 with {@code Retry-After} and "nothing was changed" (they fail closed: the work is
 * inside their transactions). A key vault that cannot be used is never shown as an erasure: the
 * trust bank tells the two apart.
 */
@ControllerAdvice(basePackages = "org.azukari.ui")
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageErrors {

    static final String VIEW = "error/page";
    /** What a 503 page asks the browser (and the person) to wait before trying again. */
    static final String RETRY_AFTER_SECONDS = "30";
    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(IllegalArgumentException.class)
    String badInput(IllegalArgumentException e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "error.badInput", codeOf(e, "UI-0400"), model,
                response);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    String malformed(Exception e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "error.badInput", "UI-0400", model, response);
    }

    @ExceptionHandler(PageNotFound.class)
    String notFound(PageNotFound e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_NOT_FOUND, "error.notFound", "UI-0404", model, response);
    }

    @ExceptionHandler(ConsentChangeRefusedException.class)
    String conflict(ConsentChangeRefusedException e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_CONFLICT, "error.conflict", codeOf(e, "CP-0409"), model,
                response);
    }

    /** A sign-in through a provider refused (state, code, ID token): the error page, nothing created. */
    @ExceptionHandler(FederatedSignInException.class)
    String signInRefused(FederatedSignInException e, Model model, HttpServletResponse response) {
        log.info("{} sign-in through a provider refused", e.code());
        return page(HttpServletResponse.SC_BAD_REQUEST, "error.signInRefused", e.code(), model, response);
    }

    @ExceptionHandler(FederatedProviderUnavailableException.class)
    String providerUnavailable(FederatedProviderUnavailableException e, Model model, HttpServletResponse response) {
        log.warn("{} sign-in provider unavailable", e.errorCode().code());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        return page(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error.providerUnavailable",
                e.errorCode().code(), model, response);
    }

    @ExceptionHandler({ConsentUnavailableException.class, AccessLogUnavailableException.class,
            KeyVaultUnavailableException.class, KeyVaultDeniedException.class,
            ErasureLedgerUnavailableException.class, IdentityUnavailableException.class})
    String unavailable(RuntimeException e, Model model, HttpServletResponse response) {
        String code = codeOf(e, "UI-0503");
        log.warn("{} page refused: {} unavailable", code, e.getClass().getSimpleName());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        return page(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error.unavailable", code, model, response);
    }

    /**
     * The database itself unreachable (no connection, a lock or query timeout) under a store that
     * does not translate it: the same 503 page, never a 500. The exception's text may name tables
     * and values, so only its class is logged.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
            CannotCreateTransactionException.class})
    String databaseUnavailable(RuntimeException e, Model model, HttpServletResponse response) {
        log.warn("UI-0503 page refused: the database is unavailable ({})", e.getClass().getSimpleName());
        response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
        return page(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "error.unavailable", "UI-0503", model, response);
    }

    private static String page(int status, String message, String code, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("message", message);
        model.addAttribute("code", code);
        return VIEW;
    }

    /** The catalogued code the exception carries; its message (which may quote input) is never read or shown. */
    static String codeOf(Throwable e, String fallback) {
        return e instanceof Coded coded && coded.errorCode() != null ? coded.errorCode().code() : fallback;
    }
}
