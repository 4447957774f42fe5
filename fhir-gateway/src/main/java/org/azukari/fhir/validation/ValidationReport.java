package org.azukari.fhir.validation;

import java.util.Objects;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * The outcome of validating one input: whether it is refused, and the issues (errors that
 * refuse it, warnings that do not) with a FHIRPath expression pointing at each problem.
 * The issues quote the caller's own input; they go back to the caller and never into a log.
 */
public record ValidationReport(boolean refused, OperationOutcome outcome) {

    public ValidationReport {
        Objects.requireNonNull(outcome);
    }
}
