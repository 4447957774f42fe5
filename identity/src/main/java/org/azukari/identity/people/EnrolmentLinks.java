package org.azukari.identity.people;

import java.time.Instant;
import java.util.Optional;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;

/**
 * Where enrolment links are kept ({@code id_enrolment_link}), by keyed hash only; see
 * {@link EnrolmentIdentifiers}. The JDBC adapter is {@code people.jdbc.JdbcEnrolmentLinks}.
 */
public interface EnrolmentLinks {

    enum Outcome { LINKED, ALREADY_LINKED, LINKED_TO_ANOTHER }

    Outcome link(ResidentId resident, OrganisationId source, String system, String identifierHash, Instant now);

    Optional<ResidentId> find(OrganisationId source, String identifierHash);
}
