package org.azukari.fhir.ingest.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.Custody;
import org.azukari.fhir.ingest.IndexedRecord;
import org.azukari.fhir.ingest.SourceHashes;
import org.azukari.fhir.ingest.SourceIndex;
import org.azukari.fhir.ingest.SourceRef;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code fg_source_record} and {@code fg_source_identifier}; see {@code V5_1__source_index.sql} and
 * {@code V5_3__source_identifier_per_custody.sql}.
 */
public final class JdbcSourceIndex implements SourceIndex {

    private static final String COLUMNS =
            "resource_type, custody_id, directory, record_id, bank_version, source_version, source_last_updated, content_hash";

    private static final String BY_IDENTIFIER = "SELECT " + prefixed() + " FROM fg_source_identifier i"
            + " JOIN fg_source_record r ON r.source_org = i.source_org AND r.source_ref = i.source_ref"
            + " AND r.custody_id = i.custody_id"
            + " WHERE i.source_org = ? AND i.resource_type = ? AND i.identifier_hash = ?";

    private final JdbcTemplate jdbc;
    private final SourceHashes hashes;
    private final Clock clock;

    public JdbcSourceIndex(DataSource dataSource, SourceHashes hashes, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.hashes = hashes;
        this.clock = clock;
    }

    @Override
    public Optional<IndexedRecord> find(OrganisationId source, SourceRef ref) {
        return jdbc.query("SELECT " + COLUMNS + " FROM fg_source_record WHERE source_org = ? AND source_ref = ?",
                JdbcSourceIndex::row, source.value(), hashes.ref(source, ref)).stream().findFirst();
    }

    @Override
    public Optional<IndexedRecord> findByIdentifier(OrganisationId source, Custody custody, String type, String system,
                                                    String value) {
        return jdbc.query(BY_IDENTIFIER + " AND i.custody_id = ?", JdbcSourceIndex::row, source.value(), type,
                hashes.identifier(source, type, system, value), custody.id().value()).stream().findFirst();
    }

    @Override
    public List<IndexedRecord> findAllByIdentifier(OrganisationId source, String type, String system, String value) {
        return jdbc.query(BY_IDENTIFIER + " ORDER BY i.custody_id", JdbcSourceIndex::row, source.value(), type,
                hashes.identifier(source, type, system, value));
    }

    /**
     * Each row is written by one statement that cannot fail on its key when ingests race:
     * {@code INSERT ... ON CONFLICT DO NOTHING} waits for a concurrent insert of the same key
     * and then inserts nothing, and the {@code UPDATE} after it sees the row committed. (Both
     * PostgreSQL and H2 in PostgreSQL mode run this; a plain update-then-insert lost the race
     * with a primary-key violation.) A source's resource keeps its custody: the update only
     * applies within it.
     */
    @Override
    public void put(OrganisationId source, SourceRef ref, IndexedRecord record, List<SourceIdentifier> identifiers) {
        byte[] refHash = hashes.ref(source, ref);
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp sourceLastUpdated = record.sourceLastUpdated().map(Timestamp::from).orElse(null);
        UUID custody = record.custody().id().value();
        int inserted = jdbc.update("INSERT INTO fg_source_record (source_org, source_ref, " + COLUMNS + ", updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                source.value(), refHash, record.resourceType(), custody, record.custody().directory(),
                record.record().value(), record.bankVersion().value(), record.sourceVersion().orElse(null),
                sourceLastUpdated, record.contentHash(), now);
        if (inserted == 0) {
            int updated = jdbc.update("UPDATE fg_source_record SET resource_type = ?, directory = ?, record_id = ?,"
                            + " bank_version = ?, source_version = ?, source_last_updated = ?, content_hash = ?, updated_at = ?"
                            + " WHERE source_org = ? AND source_ref = ? AND custody_id = ?",
                    record.resourceType(), record.custody().directory(), record.record().value(),
                    record.bankVersion().value(), record.sourceVersion().orElse(null), sourceLastUpdated,
                    record.contentHash(), now, source.value(), refHash, custody);
            if (updated == 0) {
                throw new HeldForAnotherCustodyException(find(source, ref).map(IndexedRecord::custody)
                        .orElse(record.custody()));
            }
        }
        for (SourceIdentifier identifier : identifiers) {
            byte[] identifierHash = hashes.identifier(source, record.resourceType(), identifier.system(),
                    identifier.value());
            int added = jdbc.update("INSERT INTO fg_source_identifier (source_org, resource_type, identifier_hash,"
                            + " custody_id, source_ref) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    source.value(), record.resourceType(), identifierHash, custody, refHash);
            if (added == 0) {
                jdbc.update("UPDATE fg_source_identifier SET source_ref = ? WHERE source_org = ? AND resource_type = ?"
                                + " AND identifier_hash = ? AND custody_id = ?",
                        refHash, source.value(), record.resourceType(), identifierHash, custody);
            }
        }
    }

    private static String prefixed() {
        return "r." + COLUMNS.replace(", ", ", r.");
    }

    private static IndexedRecord row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp sourceLastUpdated = rs.getTimestamp("source_last_updated");
        return new IndexedRecord(rs.getString("resource_type"),
                new Custody(new ResidentId(rs.getObject("custody_id", UUID.class)), rs.getBoolean("directory")),
                new RecordId(rs.getString("record_id")), new RecordVersion(rs.getInt("bank_version")),
                Optional.ofNullable(rs.getString("source_version")),
                Optional.ofNullable(sourceLastUpdated).map(Timestamp::toInstant), rs.getBytes("content_hash"));
    }
}
