package org.azukari.fhir.ingest;

import java.util.Objects;

/**
 * A source's own name for a resource: its type and its id at the source (the logical id, the
 * UUID of a {@code urn:uuid} fullUrl, or a content hash for a resource sent with neither).
 * Kept in the clear only inside the encrypted record; the index holds a keyed hash of it.
 */
public record SourceRef(String type, String id) {

    public SourceRef {
        Objects.requireNonNull(type);
        Objects.requireNonNull(id);
    }

    /** The alias under which a resource sent with a {@code urn:uuid} fullUrl is found by later references to that urn. */
    public static SourceRef urn(String uuid) {
        return new SourceRef("urn:uuid", uuid.toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return type + "/redacted";
    }
}
