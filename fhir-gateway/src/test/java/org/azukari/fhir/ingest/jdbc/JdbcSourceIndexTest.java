package org.azukari.fhir.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.Custody;
import org.azukari.fhir.ingest.IndexedRecord;
import org.azukari.fhir.ingest.SourceHashes;
import org.azukari.fhir.ingest.SourceIndex;
import org.azukari.fhir.ingest.SourceIndex.SourceIdentifier;
import org.azukari.fhir.ingest.SourceRef;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordVersion;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The source index on H2 (PostgreSQL mode) migrated by the real migrations: identifiers per
 * custody, a source's resource never moved between custodies, and the V5.3 migration keeping
 * what V5.1 held.
 */
class JdbcSourceIndexTest {

    static final OrganisationId SOURCE = new OrganisationId("hospital-1");
    static final String CLAIM_GROUP = "https://bluebutton.cms.gov/resources/identifier/claim-group";

    @TempDir
    Path directory;

    DataSource dataSource;
    EmbeddedBank embedded;
    final SourceHashes hashes = new SourceHashes(purpose -> new byte[32]);
    final ResidentId residentA = ResidentId.random();
    final ResidentId residentB = ResidentId.random();

    @BeforeEach
    void bank() {
        dataSource = EmbeddedBank.h2File(directory);
        embedded = new EmbeddedBank(dataSource, EmbeddedBank.localVault(directory), directory.resolve("ledger"));
        embedded.bank.enrol(residentA);
        embedded.bank.enrol(residentB);
    }

    Flyway gateway(String target) {
        return Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history")
                .target(MigrationVersion.fromVersion(target)).load();
    }

    JdbcSourceIndex index() {
        return new JdbcSourceIndex(dataSource, hashes, Clock.systemUTC());
    }

    static IndexedRecord claimOf(ResidentId resident, String recordId) {
        return new IndexedRecord("Claim", Custody.resident(resident), new RecordId(recordId), RecordVersion.FIRST,
                Optional.empty(), Optional.empty(), new byte[32]);
    }

    static List<SourceIdentifier> sharedClaimGroup() {
        return List.of(new SourceIdentifier(CLAIM_GROUP, "99999999999"));
    }

    @Test
    void put_theSameIdentifierForTwoResidents_keepsBoth_andFindsEachInItsOwnCustody() {
        gateway("latest").migrate();
        JdbcSourceIndex index = index();

        index.put(SOURCE, new SourceRef("Claim", "c-a"), claimOf(residentA, "rec-a"), sharedClaimGroup());
        index.put(SOURCE, new SourceRef("Claim", "c-b"), claimOf(residentB, "rec-b"), sharedClaimGroup());

        assertThat(index.findByIdentifier(SOURCE, Custody.resident(residentA), "Claim", CLAIM_GROUP, "99999999999"))
                .map(found -> found.record().value()).contains("rec-a");
        assertThat(index.findByIdentifier(SOURCE, Custody.resident(residentB), "Claim", CLAIM_GROUP, "99999999999"))
                .map(found -> found.record().value()).contains("rec-b");
        assertThat(index.findAllByIdentifier(SOURCE, "Claim", CLAIM_GROUP, "99999999999"))
                .extracting(found -> found.record().value()).containsExactlyInAnyOrder("rec-a", "rec-b");
    }

    @Test
    void put_aSourceResourceIndexedForAnotherResident_isRefused_andTheRowStaysTheirs() {
        gateway("latest").migrate();
        JdbcSourceIndex index = index();
        SourceRef ref = new SourceRef("Observation", "o-1");
        index.put(SOURCE, ref, claimOf(residentA, "rec-a"), List.of());

        assertThatThrownBy(() -> index.put(SOURCE, ref, claimOf(residentB, "rec-b"), List.of()))
                .isInstanceOfSatisfying(SourceIndex.HeldForAnotherCustodyException.class, refused ->
                        assertThat(refused.held()).isEqualTo(Custody.resident(residentA)));
        assertThat(index.find(SOURCE, ref)).map(found -> found.record().value()).contains("rec-a");
    }

    @Test
    void put_again_inTheSameCustody_movesTheIdentifierOnToTheNewerResource() {
        gateway("latest").migrate();
        JdbcSourceIndex index = index();
        index.put(SOURCE, new SourceRef("Claim", "c-1"), claimOf(residentA, "rec-1"), sharedClaimGroup());

        index.put(SOURCE, new SourceRef("Claim", "c-2"), claimOf(residentA, "rec-2"), sharedClaimGroup());

        assertThat(index.findAllByIdentifier(SOURCE, "Claim", CLAIM_GROUP, "99999999999"))
                .extracting(found -> found.record().value()).containsExactly("rec-2");
    }

    @Test
    void migrationV53_keepsTheRowsV51Held_andTheyAreFoundInTheirCustody() {
        gateway("5.2").migrate();
        byte[] ref = hashes.ref(SOURCE, new SourceRef("Claim", "c-a"));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO fg_source_record (source_org, source_ref, resource_type, custody_id, directory, record_id,"
                        + " bank_version, source_version, source_last_updated, content_hash, updated_at)"
                        + " VALUES (?, ?, 'Claim', ?, FALSE, 'rec-a', 1, NULL, NULL, ?, ?)",
                SOURCE.value(), ref, residentA.value(), new byte[32], Timestamp.from(Instant.now()));
        jdbc.update("INSERT INTO fg_source_identifier (source_org, resource_type, identifier_hash, source_ref, custody_id)"
                        + " VALUES (?, 'Claim', ?, ?, ?)", SOURCE.value(),
                hashes.identifier(SOURCE, "Claim", CLAIM_GROUP, "99999999999"), ref, residentA.value());

        gateway("latest").migrate();
        JdbcSourceIndex index = index();
        index.put(SOURCE, new SourceRef("Claim", "c-b"), claimOf(residentB, "rec-b"), sharedClaimGroup());

        assertThat(index.findByIdentifier(SOURCE, Custody.resident(residentA), "Claim", CLAIM_GROUP, "99999999999"))
                .map(found -> found.record().value()).contains("rec-a");
        assertThat(index.findAllByIdentifier(SOURCE, "Claim", CLAIM_GROUP, "99999999999")).hasSize(2);
    }

    @Test
    void erasingAResidentsKeyring_removesTheirIdentifierRows_only() {
        gateway("latest").migrate();
        JdbcSourceIndex index = index();
        index.put(SOURCE, new SourceRef("Claim", "c-a"), claimOf(residentA, "rec-a"), sharedClaimGroup());
        index.put(SOURCE, new SourceRef("Claim", "c-b"), claimOf(residentB, "rec-b"), sharedClaimGroup());

        new JdbcTemplate(dataSource).update("DELETE FROM tb_resident_keyring WHERE resident_id = ?", residentA.value());

        assertThat(index.findAllByIdentifier(SOURCE, "Claim", CLAIM_GROUP, "99999999999"))
                .extracting(found -> found.custody().id()).containsExactly(residentB);
        assertThat(new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM fg_source_identifier WHERE custody_id = ?", Integer.class, residentA.value()))
                .isZero();
    }
}
