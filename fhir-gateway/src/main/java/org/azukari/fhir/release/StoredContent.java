package org.azukari.fhir.release;

import ca.uhn.fhir.context.FhirContext;
import java.util.Optional;
import org.azukari.trustbank.api.DecryptedRecord;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parse or report, once for the release path: a decrypted record's content as a FHIR resource, or
 * empty when HAPI (or the JSON limits under it) refuses it — not JSON, an unknown resourceType, a
 * number longer than the parser takes. An unreadable record is left out of the release, named to
 * the operator by its bank record id and {@link #UNREADABLE} in the application log (never its
 * content, never the parser's message, which may quote it), and never fails the rest of the release.
 */
final class StoredContent {

    /** A stored record whose content cannot be parsed (log only; the clinic gets a warning naming nothing). */
    static final String UNREADABLE = "FG-0720";

    private static final Logger log = LoggerFactory.getLogger(StoredContent.class);

    private StoredContent() {
    }

    static Optional<Resource> parse(DecryptedRecord record) {
        try {
            return Optional.of((Resource) FhirContext.forR4Cached().newJsonParser()
                    .parseResource(record.content().plaintextUtf8()));
        } catch (RuntimeException refused) {
            log.warn("{} stored record {} could not be parsed ({}); left out of the release", UNREADABLE,
                    record.metadata().id().value(), refused.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
