package org.azukari.fhir.ingest;

import org.azukari.consent.api.Coded;
import org.azukari.fhir.mapping.FhirGatewayError;
import java.util.Objects;
import java.util.Set;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The input was refused as a whole and nothing of it was stored. Carries the HTTP status
 * (4xx for what the caller sent, 503 when the key vault or access log is unavailable) and an
 * OperationOutcome that points at the problem. The message is an FG code and never quotes input.
 * A refusal that kept one resident's record from another resident names both, for the access
 * log only (never in the outcome).
 */
public class IngestRefusedException extends RuntimeException implements Coded {

    private final int status;
    private final FhirGatewayError code;
    private final transient OperationOutcome outcome;
    private final transient Set<ResidentId> residentsConcerned;

    public IngestRefusedException(int status, FhirGatewayError code, OperationOutcome outcome) {
        this(status, code, outcome, Set.of());
    }

    IngestRefusedException(int status, FhirGatewayError code, OperationOutcome outcome, Set<ResidentId> residentsConcerned) {
        super(code.code());
        this.code = code;
        this.status = status;
        this.outcome = Objects.requireNonNull(outcome);
        this.residentsConcerned = Set.copyOf(residentsConcerned);
    }

    public int status() {
        return status;
    }

    @Override
    public FhirGatewayError errorCode() {
        return code;
    }

    public OperationOutcome outcome() {
        return outcome;
    }

    /** The residents the refused input could have been stored for: recorded in their access log. */
    public Set<ResidentId> residentsConcerned() {
        return residentsConcerned;
    }
}
