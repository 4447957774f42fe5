package org.azukari.fhir.ingest;

import java.util.Objects;
import java.util.Optional;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;

/**
 * Who sent the input: the source organisation (whose enrolment links match its patients, and
 * against whose earlier input its references resolve), its kind (for classification), the
 * client that pushed it (empty when the bank pulled it) and how strictly it is validated.
 */
public record IngestSource(OrganisationId organisation, OrganisationKind kind, Optional<ClientId> client,
                           ValidationMode mode) {

    public IngestSource {
        Objects.requireNonNull(organisation);
        Objects.requireNonNull(kind);
        Objects.requireNonNull(client);
        Objects.requireNonNull(mode);
    }
}
