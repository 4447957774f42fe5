package org.azukari.fhir.ingest;

import java.util.List;
import java.util.Optional;
import org.azukari.identity.api.OrganisationId;

/**
 * What each source sent before, by keyed hash only: how resubmissions are recognised and how
 * a source's later references ({@code Patient/123}, {@code Practitioner?identifier=...}) resolve.
 * A source's ids name one resource each; its identifiers do not (every resident's claim may
 * carry the same one), so identifiers are kept per custody and found per custody.
 * Writes join the caller's transaction, so an index row never outlives a rolled-back ingest.
 */
public interface SourceIndex {

    Optional<IndexedRecord> find(OrganisationId source, SourceRef ref);

    /** The resource of that type the source sent with that identifier into that custody. */
    Optional<IndexedRecord> findByIdentifier(OrganisationId source, Custody custody, String type, String system,
                                             String value);

    /** Every custody's resource of that type the source sent with that identifier: one per custody at most. */
    List<IndexedRecord> findAllByIdentifier(OrganisationId source, String type, String system, String value);

    /**
     * Records (or moves on) what the bank holds for the source's resource, and its identifiers
     * within the record's custody. Safe when ingests race: two writers of one row both succeed,
     * the later one's row stands.
     *
     * @throws HeldForAnotherCustodyException the source's resource is indexed in another custody
     *     (a concurrent ingest put it there first); the caller's transaction must roll back
     */
    void put(OrganisationId source, SourceRef ref, IndexedRecord record, List<SourceIdentifier> identifiers);

    /** An identifier ({@code system|value}) a source gave one of its resources. */
    record SourceIdentifier(String system, String value) {
        @Override
        public String toString() {
            return "SourceIdentifier[redacted]";
        }
    }

    /** The index will not move a source's resource from one custody to another; ids only in the message. */
    final class HeldForAnotherCustodyException extends RuntimeException {

        private final transient Custody held;

        public HeldForAnotherCustodyException(Custody held) {
            super("FG-0313 the source's resource is indexed in another custody");
            this.held = held;
        }

        /** Where the index keeps the resource. */
        public Custody held() {
            return held;
        }
    }
}
