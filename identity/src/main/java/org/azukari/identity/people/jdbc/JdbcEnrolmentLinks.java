package org.azukari.identity.people.jdbc;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.people.EnrolmentLinks;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code id_enrolment_link}: keyed hashes of source identifiers, never the identifiers. */
public final class JdbcEnrolmentLinks implements EnrolmentLinks {

    private final JdbcTemplate jdbc;

    public JdbcEnrolmentLinks(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public Outcome link(ResidentId resident, OrganisationId source, String system, String identifierHash,
                        Instant now) {
        Optional<ResidentId> existing = find(source, identifierHash);
        if (existing.isPresent()) {
            return existing.get().equals(resident) ? Outcome.ALREADY_LINKED : Outcome.LINKED_TO_ANOTHER;
        }
        try {
            jdbc.update("INSERT INTO id_enrolment_link (source_organisation_id, identifier_hash, identifier_system,"
                    + " resident_id, linked_at) VALUES (?, ?, ?, ?, ?)", source.value(), identifierHash, system,
                    resident.value(), Timestamp.from(now));
            return Outcome.LINKED;
        } catch (DuplicateKeyException raced) {
            return find(source, identifierHash).filter(resident::equals).isPresent() ? Outcome.ALREADY_LINKED
                    : Outcome.LINKED_TO_ANOTHER;
        }
    }

    @Override
    public Optional<ResidentId> find(OrganisationId source, String identifierHash) {
        List<UUID> ids = jdbc.queryForList("SELECT resident_id FROM id_enrolment_link"
                        + " WHERE source_organisation_id = ? AND identifier_hash = ?", UUID.class, source.value(),
                identifierHash);
        return ids.isEmpty() ? Optional.empty() : Optional.of(new ResidentId(ids.get(0)));
    }
}
