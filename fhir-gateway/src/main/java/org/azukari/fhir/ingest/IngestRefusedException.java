package org.azukari.fhir.ingest;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The input was refused as a whole and nothing of it was stored. Carries the HTTP status
 * (4xx for what the caller sent, 503 when the key vault or access log is unavailable) and an
 * OperationOutcome that points at the problem. The message is an FG code and never quotes input.
 */
public class IngestRefusedException extends RuntimeException {

    private final int status;
    private final transient OperationOutcome outcome;

    public IngestRefusedException(int status, String code, OperationOutcome outcome) {
        super(code);
        this.status = status;
        this.outcome = Objects.requireNonNull(outcome);
    }

    public int status() {
        return status;
    }

    public OperationOutcome outcome() {
        return outcome;
    }
}
