package org.azukari.consent.api;

/**
 * One entry of a module's error catalogue: a stable code ({@code FG-0315}), the HTTP status it is
 * answered with where it is an answer of its own (0 when it never is: a log line, a security event,
 * a start-up refusal, or a fault another code answers for), and its one meaning. Each module keeps
 * its codes in one enum implementing this ({@code ConsentPolicyError}, {@code IdentityError},
 * {@code TrustBankError}, {@code FhirGatewayError}, {@code UiError}, {@code ServerError});
 * {@code docs/errors.md} lists them all and {@code ErrorCatalogueTest} (server) keeps code,
 * catalogue and document in step. Lives here because every module depends on consent-policy.
 */
public interface ErrorCode {

    /** The code as clients see it, e.g. {@code FG-0315}. */
    default String code() {
        return ((Enum<?>) this).name().replace('_', '-');
    }

    /** The status this code is answered with, 0 if it is never an answer of its own. */
    int status();

    /** What the code means, in the words the catalogue documents. */
    String meaning();

    /** The message of an exception with this code: the code, then the detail (ids, field names) if any. */
    default String message(String detail) {
        return detail == null || detail.isEmpty() ? code() : code() + " " + detail;
    }
}
