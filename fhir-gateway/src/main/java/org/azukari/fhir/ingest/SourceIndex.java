package org.azukari.fhir.ingest;

import java.util.List;
import java.util.Optional;
import org.azukari.identity.api.OrganisationId;

/**
 * What each source sent before, by keyed hash only: how resubmissions are recognised and how
 * a source's later references ({@code Patient/123}, {@code Practitioner?identifier=...}) resolve.
 * Writes join the caller's transaction, so an index row never outlives a rolled-back ingest.
 */
public interface SourceIndex {

    Optional<IndexedRecord> find(OrganisationId source, SourceRef ref);

    /** The resource of that type the source sent with that identifier. */
    Optional<IndexedRecord> findByIdentifier(OrganisationId source, String type, String system, String value);

    /** Records (or moves on) what the bank holds for the source's resource, and its identifiers. */
    void put(OrganisationId source, SourceRef ref, IndexedRecord record, List<SourceIdentifier> identifiers);

    /** An identifier ({@code system|value}) a source gave one of its resources. */
    record SourceIdentifier(String system, String value) {
        @Override
        public String toString() {
            return "SourceIdentifier[redacted]";
        }
    }
}
