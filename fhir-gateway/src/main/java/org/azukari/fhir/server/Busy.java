package org.azukari.fhir.server;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.azukari.fhir.admission.Bulkhead;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A request over an admission limit: {@code 429} with {@code Retry-After} and an OperationOutcome
 * of issue type {@code throttled}, answered before any work is done.
 */
final class Busy {

    private Busy() {
    }

    static BaseServerResponseException refused(FhirGatewayError code, String diagnostics, Bulkhead.Refused refused) {
        String message = code.message(diagnostics);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(OperationOutcome.IssueType.THROTTLED).setDiagnostics(message);
        BaseServerResponseException exception = BaseServerResponseException.newInstance(429, message);
        exception.setOperationOutcome(outcome);
        exception.addResponseHeader("Retry-After", refused.retryAfterSeconds());
        return exception;
    }
}
