package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import org.azukari.fhir.admission.JdbcFaults;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database busy or briefly away under any {@code /fhir} request (no pooled connection within
 * the pool's short wait, a lock wait or statement timeout, a deadlock or serialization loser): 503
 * FG-0503 with {@code Retry-After} and issue type {@code transient}, instead of HAPI's
 * {@code 500 HAPI-0389}. The work ran in a transaction that rolled back, so nothing was stored or
 * released. Only the exception's class is logged: its text may name tables and values.
 */
@Interceptor
final class DatabaseFaultInterceptor {

    static final String CODE = "FG-0503";
    private static final Logger log = LoggerFactory.getLogger(DatabaseFaultInterceptor.class);

    private final String retryAfterSeconds;

    DatabaseFaultInterceptor(Duration retryAfter) {
        this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException translate(Throwable thrown) {
        if (thrown instanceof BaseServerResponseException answered && answered.getStatusCode() < 500) {
            return null;
        }
        if (!JdbcFaults.isTransient(thrown)) {
            return null;
        }
        log.warn("{} request answered 503: the database is busy or unavailable ({})", CODE, rootClass(thrown));
        String message = CODE + " the database is busy or briefly unavailable; nothing was stored or released;"
                + " send the request again later";
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.TRANSIENT).setDiagnostics(message);
        BaseServerResponseException exception = BaseServerResponseException.newInstance(503, message);
        exception.setOperationOutcome(outcome);
        exception.addResponseHeader("Retry-After", retryAfterSeconds);
        return exception;
    }

    private static String rootClass(Throwable thrown) {
        Throwable cause = thrown;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
