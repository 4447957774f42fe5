package org.azukari.fhir.ingest;

import org.azukari.consent.api.BadInputException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Limits of one ingest.
 *
 * @param maxEntries the most entries a Bundle may hold (more is refused with 413)
 * @param storeChunk how many records go to the trust bank per call, inside the one transaction
 */
public record IngestSettings(int maxEntries, int storeChunk) {

    public static final IngestSettings DEFAULTS = new IngestSettings(20_000, 1_000);

    public IngestSettings {
        if (maxEntries < 1 || storeChunk < 1) {
            throw new BadInputException(FhirGatewayError.FG_0092, "ingest limits must be positive");
        }
    }
}
