package org.azukari.fhir.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.azukari.identity.api.OrganisationId;

/**
 * How often each source's input was taken in with a warning, by the warning's code and the
 * resource type it was about, for the operator's view of a source: which findings a source
 * keeps sending (a validator's misfire, an element FHIR R4 does not define, an older version
 * arriving late). Codes and types only, never a resident or anything of a record. Counts join
 * the ingest's transaction: what was not stored is not counted.
 */
public interface SourceWarnings {

    void add(OrganisationId source, Map<Kind, Integer> counts);

    /** The source's counts, most frequent first. */
    List<Count> counts(OrganisationId source);

    /** A warning's code ({@code FG-0214}, or the validator's message id) and the resource type it was about. */
    record Kind(String code, String resourceType) {
        public Kind {
            Objects.requireNonNull(code);
            Objects.requireNonNull(resourceType);
        }
    }

    record Count(Kind kind, long count, Instant lastSeen) {
        public Count {
            Objects.requireNonNull(kind);
            Objects.requireNonNull(lastSeen);
        }
    }
}
