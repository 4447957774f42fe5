package org.azukari.fhir.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;

/**
 * Whose key a stored resource is encrypted under: a resident's, or the directory of one source
 * (its organisations, practitioners, locations, medications), which belongs to no resident and
 * is referenced by that source's records. A directory's custody id is a name-based (version 3)
 * UUID, so it can never equal a resident id (random, version 4).
 */
public record Custody(ResidentId id, boolean directory) {

    public Custody {
        Objects.requireNonNull(id);
    }

    public static Custody resident(ResidentId resident) {
        return new Custody(resident, false);
    }

    public static Custody directoryOf(OrganisationId source) {
        UUID id = UUID.nameUUIDFromBytes(("azukari-source-directory:" + source.value()).getBytes(StandardCharsets.UTF_8));
        return new Custody(new ResidentId(id), true);
    }
}
