package org.azukari.fhir.ingest;

import java.util.List;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Takes records into the bank: a {@code transaction}, {@code batch}, {@code document} or
 * {@code collection} Bundle, or a single resource. Everything but a batch is all or nothing:
 * either every resource is matched to an enrolled resident, validated, encrypted and stored
 * and the ingest recorded in the access log, or nothing is, and an {@link IngestRefusedException}
 * says why. Resubmitting a resource version the bank already holds changes nothing.
 */
public interface Ingest {

    /**
     * @param requestId the request id to record in the access log ({@code [A-Za-z0-9._-]{1,64}})
     * @return the response Bundle ({@code transaction-response} / {@code batch-response}, one
     *         entry per input entry, in order) and any warnings
     */
    IngestResult ingest(IngestSource source, Resource input, String requestId);

    /**
     * The same, with the warnings parsing the input gave (an element FHIR R4 does not define,
     * dropped), each naming its entry ({@code Bundle.entry[2].resource}): they come back with the
     * entry's other warnings and are counted with them.
     */
    default IngestResult ingest(IngestSource source, Resource input, String requestId,
                                List<OperationOutcomeIssueComponent> parsed) {
        IngestResult result = ingest(source, input, requestId);
        parsed.forEach(issue -> result.warnings().addIssue(issue.copy()));
        return result;
    }
}
