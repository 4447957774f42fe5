package org.azukari.fhir.release;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.ingest.Custody;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.release.jdbc.JdbcReleaseTables;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationId;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.ResourceType;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.SwitchableKeyVault;
import org.flywaydb.core.Flyway;

/**
 * The release above its seams, on the embedded bank (H2, the local key vault behind a switch, an
 * in-memory access log) and the real release tables: one resident with a Patient and a lab
 * Observation from a hospital, which cites a Practitioner held in the hospital's directory
 * custody, introduced to one clinic. Decisions come from {@code decisions} (a permit of every
 * medical record unless a test swaps it).
 */
final class ReleaseWorld {

    static final OrganisationId HOSPITAL = new OrganisationId("hospital-1");
    static final String CLINIC = "clinic-1";

    final DataSource dataSource;
    final SwitchableKeyVault vault;
    final EmbeddedBank embedded;
    final JdbcReleaseTables tables;
    final Release.Introductions introductions;
    final ResidentId resident = new ResidentId(UUID.randomUUID());
    final ResidentId directory = Custody.directoryOf(HOSPITAL).id();
    final RecipientPseudonym pseudonym;
    volatile ConsentDecisionPoint decisions = question -> new ConsentDecisionPoint.Permit(
            Set.of(ConsentCategory.all(DataCategory.MEDICAL)), List.of(), ConsentDecisionPoint.PermitReason.CONSENT);
    final Release release;

    ReleaseWorld(Path directoryOnDisk) {
        this(directoryOnDisk, Clock.systemUTC());
    }

    /** The same world, its release reading {@code clock}. */
    ReleaseWorld(Path directoryOnDisk, Clock clock) {
        dataSource = EmbeddedBank.h2File(directoryOnDisk);
        vault = new SwitchableKeyVault(EmbeddedBank.localVault(directoryOnDisk));
        embedded = new EmbeddedBank(dataSource, vault, directoryOnDisk.resolve("ledger"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history").load().migrate();
        tables = new JdbcReleaseTables(dataSource, Clock.systemUTC());
        introductions = new Release.Introductions(new Pseudonyms(secrets()), tables);
        release = new Release(embedded.bank, embedded.accessLog, question -> decisions.decide(question), introductions,
                DataClassifier.standard(), clock);
        embedded.bank.enrol(resident);
        embedded.bank.enrol(directory);
        embedded.bank.store(directory, record("doc-1", "Practitioner",
                "{\"resourceType\":\"Practitioner\",\"id\":\"doc-1\",\"name\":[{\"family\":\"Doctor\"}]}"));
        embedded.bank.storeAll(resident, List.of(
                record("pat-1", "Patient", "{\"resourceType\":\"Patient\",\"id\":\"pat-1\",\"name\":[{\"family\":"
                        + "\"Yamada\"}],\"gender\":\"female\"}"),
                record("obs-1", "Observation", "{\"resourceType\":\"Observation\",\"id\":\"obs-1\",\"meta\":{\"source\":"
                        + "\"" + BankIngest.SOURCE_URI_PREFIX + HOSPITAL.value() + "#Observation/o1\"},\"status\":\"final\","
                        + "\"category\":[{\"coding\":[{\"system\":"
                        + "\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"laboratory\"}]}],"
                        + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"4548-4\"}]},"
                        + "\"subject\":{\"reference\":\"Patient/pat-1\"},\"effectiveDateTime\":\"2026-01-08\","
                        + "\"performer\":[{\"reference\":\"Practitioner/doc-1\"}],"
                        + "\"valueQuantity\":{\"value\":6.4,\"unit\":\"%\"}}")));
        pseudonym = introductions.pseudonyms().of(CLINIC, resident);
        tables.remember(CLINIC, pseudonym, resident);
    }

    ReleaseCaller caller(String requestId) {
        return new ReleaseCaller(CLINIC, "emr-1", new Purpose("treatment"), requestId);
    }

    Released everything(String requestId) {
        return release.everything(caller(requestId), EverythingQuery.parse(pseudonym, java.util.Map.of()), 0,
                offset -> "next", "https://bank.example/fhir");
    }

    /** After a first release, the resident's data key stays cached; the directory's must come from the vault again. */
    void vaultDownForTheDirectoryOnly() {
        embedded.cache.forget(directory);
        vault.goDown();
    }

    static BankSecrets secrets() {
        return purpose -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest(("test|" + purpose).getBytes(StandardCharsets.UTF_8));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static RecordToStore record(String id, String type, String json) {
        return new RecordToStore(new RecordId(id), new ResourceType(type), DataCategory.MEDICAL, RecordContent.ofUtf8(json));
    }
}
