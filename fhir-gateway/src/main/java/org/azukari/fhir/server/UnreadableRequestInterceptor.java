package org.azukari.fhir.server;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.azukari.fhir.mapping.OperationOutcomes;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A request HAPI fails to read — its body or parameters, between choosing the method and calling
 * it — with a plain exception instead of its own {@code DataFormatException} is the sender's
 * error, not the server's: 400 FG-0215, naming nothing of the input. HAPI would answer 500.
 * (Found by fuzzing: a Bundle entry whose {@code id} has no id part beside a {@code urn:}
 * {@code fullUrl} makes HAPI's parser throw a NullPointerException.) Exceptions from the
 * providers themselves are untouched: a bug there stays a 500.
 */
@Interceptor
final class UnreadableRequestInterceptor {

    static final String CODE = "FG-0215";
    private static final String READING = UnreadableRequestInterceptor.class.getName() + ".reading";
    private static final String MESSAGE = CODE + " the request could not be read as FHIR R4";

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLER_SELECTED)
    void reading(RequestDetails request) {
        request.getUserData().put(READING, Boolean.TRUE);
    }

    /** Called once the method's arguments (the parsed body among them) are ready, before the method runs. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    void read(RequestDetails request) {
        request.getUserData().remove(READING);
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    BaseServerResponseException unreadable(RequestDetails request, Throwable thrown) {
        if (thrown instanceof BaseServerResponseException || request == null
                || !Boolean.TRUE.equals(request.getUserData().get(READING))) {
            return null;
        }
        InvalidRequestException refused = new InvalidRequestException(MESSAGE);
        refused.setOperationOutcome(OperationOutcomes.error(OperationOutcome.IssueType.STRUCTURE, MESSAGE));
        return refused;
    }
}
