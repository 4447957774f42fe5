package org.azukari.fhir.mapping;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * The FHIR edge's one mapping from a coded refusal (a status and a message that is a catalogued
 * code followed by ids or a fixed text) to what a FHIR client gets: an OperationOutcome whose issue
 * type follows the status, and on 503 a {@code Retry-After} (a dependency is down, nothing was
 * released or changed, the same request may well succeed shortly). Release, audit search, ingest,
 * the Bulk Data kick-off and the server's Bulk Data status endpoints all answer through here.
 */
public final class FhirRefusals {

    /** What a 503 asks the client to wait before trying again. */
    public static final String RETRY_AFTER_SECONDS = "30";

    private FhirRefusals() {
    }

    /** The issue type a refusal with this status is told with. */
    public static IssueType issueType(int status) {
        return switch (status) {
            case 400 -> IssueType.INVALID;
            case 403 -> IssueType.FORBIDDEN;
            case 404 -> IssueType.NOTFOUND;
            case 503 -> IssueType.TRANSIENT;
            default -> IssueType.PROCESSING;
        };
    }

    /** The one-issue OperationOutcome of a refusal; {@code diagnostics} starts with its code. */
    public static OperationOutcome outcome(int status, String diagnostics) {
        return OperationOutcomes.error(issueType(status), diagnostics);
    }

    /** The HAPI exception that answers a refusal with its OperationOutcome. */
    public static BaseServerResponseException hapi(int status, String diagnostics) {
        return hapi(status, diagnostics, outcome(status, diagnostics));
    }

    /** As {@link #hapi(int, String)}, for a refusal that built its own outcome (ingest points at the entry). */
    public static BaseServerResponseException hapi(int status, String message, OperationOutcome outcome) {
        BaseServerResponseException exception = BaseServerResponseException.newInstance(status, message);
        exception.setOperationOutcome(outcome);
        if (status == 503) {
            exception.addResponseHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        return exception;
    }
}
