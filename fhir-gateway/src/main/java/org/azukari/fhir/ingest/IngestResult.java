package org.azukari.fhir.ingest;

import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * What an ingest did: a response Bundle with one entry per input resource (status
 * {@code 201 Created}, {@code 200 OK} when the version was already held, or the entry's own
 * error in a batch), each with the bank's location, and the warnings (lenient profile findings).
 *
 * @param created   resources stored as a new version
 * @param unchanged resources the bank already held in that version (idempotent resubmission)
 */
public record IngestResult(Bundle response, OperationOutcome warnings, int created, int unchanged) {

    public IngestResult {
        Objects.requireNonNull(response);
        Objects.requireNonNull(warnings);
    }
}
