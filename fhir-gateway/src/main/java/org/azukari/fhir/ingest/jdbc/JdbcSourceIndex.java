package org.azukari.fhir.ingest.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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

/** {@code fg_source_record} and {@code fg_source_identifier}; see {@code V5_1__source_index.sql}. */
public final class JdbcSourceIndex implements SourceIndex {

    private static final String COLUMNS =
            "resource_type, custody_id, directory, record_id, bank_version, source_version, source_last_updated, content_hash";

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
    public Optional<IndexedRecord> findByIdentifier(OrganisationId source, String type, String system, String value) {
        return jdbc.query("SELECT " + prefixed() + " FROM fg_source_identifier i"
                        + " JOIN fg_source_record r ON r.source_org = i.source_org AND r.source_ref = i.source_ref"
                        + " WHERE i.source_org = ? AND i.resource_type = ? AND i.identifier_hash = ?",
                JdbcSourceIndex::row, source.value(), type, hashes.identifier(source, type, system, value))
                .stream().findFirst();
    }

    @Override
    public void put(OrganisationId source, SourceRef ref, IndexedRecord record, List<SourceIdentifier> identifiers) {
        byte[] refHash = hashes.ref(source, ref);
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp sourceLastUpdated = record.sourceLastUpdated().map(Timestamp::from).orElse(null);
        int updated = jdbc.update("UPDATE fg_source_record SET resource_type = ?, custody_id = ?, directory = ?, record_id = ?,"
                        + " bank_version = ?, source_version = ?, source_last_updated = ?, content_hash = ?, updated_at = ?"
                        + " WHERE source_org = ? AND source_ref = ?",
                record.resourceType(), record.custody().id().value(), record.custody().directory(),
                record.record().value(), record.bankVersion().value(), record.sourceVersion().orElse(null),
                sourceLastUpdated, record.contentHash(), now, source.value(), refHash);
        if (updated == 0) {
            jdbc.update("INSERT INTO fg_source_record (source_org, source_ref, " + COLUMNS + ", updated_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    source.value(), refHash, record.resourceType(), record.custody().id().value(), record.custody().directory(),
                    record.record().value(), record.bankVersion().value(), record.sourceVersion().orElse(null),
                    sourceLastUpdated, record.contentHash(), now);
        }
        for (SourceIdentifier identifier : identifiers) {
            byte[] identifierHash = hashes.identifier(source, record.resourceType(), identifier.system(),
                    identifier.value());
            int moved = jdbc.update("UPDATE fg_source_identifier SET source_ref = ?, custody_id = ?"
                            + " WHERE source_org = ? AND resource_type = ? AND identifier_hash = ?",
                    refHash, record.custody().id().value(), source.value(), record.resourceType(), identifierHash);
            if (moved == 0) {
                jdbc.update("INSERT INTO fg_source_identifier (source_org, resource_type, identifier_hash, source_ref,"
                                + " custody_id) VALUES (?, ?, ?, ?, ?)",
                        source.value(), record.resourceType(), identifierHash, refHash, record.custody().id().value());
            }
        }
    }

    private static String prefixed() {
        return "r." + COLUMNS.replace(", ", ", r.");
    }

    private static IndexedRecord row(ResultSet rs, int rowNum) throws SQLException {
        Timestamp sourceLastUpdated = rs.getTimestamp("source_last_updated");
        return new IndexedRecord(rs.getString("resource_type"),
                new Custody(new ResidentId(rs.getObject("custody_id", java.util.UUID.class)), rs.getBoolean("directory")),
                new RecordId(rs.getString("record_id")), new RecordVersion(rs.getInt("bank_version")),
                Optional.ofNullable(rs.getString("source_version")),
                Optional.ofNullable(sourceLastUpdated).map(Timestamp::toInstant), rs.getBytes("content_hash"));
    }
}
