package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.jdbc.JdbcSourceIndex;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.fhir.validation.ValidationReport;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.SwitchableKeyVault;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline above its seams, on the embedded bank (H2, local key vault): when the key vault
 * or the access log is down, the source is told 503 and nothing of the input stays behind —
 * no record, no index row, no access-log entry.
 */
class BankIngestFailClosedTest {

    static final OrganisationId HOSPITAL = new OrganisationId("hospital-1");
    static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";

    @TempDir
    Path directory;

    EmbeddedBank embedded;
    SwitchableKeyVault vault;
    BankIngest ingest;
    DataSource dataSource;
    final ResidentId resident = new ResidentId(UUID.randomUUID());

    @BeforeEach
    void bank() {
        dataSource = EmbeddedBank.h2File(directory);
        vault = new SwitchableKeyVault(EmbeddedBank.localVault(directory));
        embedded = new EmbeddedBank(dataSource, vault, directory.resolve("ledger"));
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history").load().migrate();
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SourceHashes hashes = new SourceHashes(new byte[32]);
        ingest = new BankIngest(embedded.bank, embedded.accessLog, peopleWithOneLink(), new JdbcSourceIndex(dataSource,
                hashes, Clock.systemUTC()), (input, mode) -> new ValidationReport(false, new OperationOutcome()),
                DataClassifier.standard(), hashes, new IngestTransactions() {
                    @Override
                    public <T> T inOne(java.util.function.Supplier<T> work) {
                        return template.execute(status -> work.get());
                    }
                }, IngestSettings.DEFAULTS, new IngestTimings(),
                new org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings(dataSource, Clock.systemUTC()));
    }

    /** Only the one method the pipeline uses; anything else would be a test bug. */
    private PeopleRegistry peopleWithOneLink() {
        return (PeopleRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PeopleRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findResidentByEnrolment")) {
                        return HOSPITAL.equals(args[0]) && MRN.equals(args[1]) && "000999739".equals(args[2])
                                ? Optional.of(resident) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static IngestSource source() {
        return new IngestSource(HOSPITAL, OrganisationKind.HOSPITAL, Optional.empty(), ValidationMode.LENIENT);
    }

    static Resource bundle() {
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"urn:uuid:7b0e6a70-0d5b-4c4b-9d62-6c1f3f7d2a11\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\"000999739\"}]},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}},"
                + "{\"resource\":{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"HbA1c\"},"
                + "\"subject\":{\"reference\":\"urn:uuid:7b0e6a70-0d5b-4c4b-9d62-6c1f3f7d2a11\"}},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}]}";
        return (Resource) ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(json);
    }

    int rows(String table) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }

    @Test
    void aBundleGoesIn_whenEverythingIsUp() {
        IngestResult result = ingest.ingest(source(), bundle(), "req-1");

        assertThat(result.created()).isEqualTo(2);
        assertThat(embedded.bank.list(resident)).hasSize(2);
        assertThat(rows("fg_source_record")).isEqualTo(3); // two resources and the patient's urn alias
        assertThat(embedded.accessLog.entries()).hasSize(1);
    }

    @Test
    void whenTheKeyVaultIsDown_theSourceIsTold503_andNothingIsStored() {
        ingest.ingest(source(), bundle(), "req-0"); // enrols the resident while the vault is up
        int records = embedded.bank.list(resident).size();
        int logged = embedded.accessLog.entries().size();
        embedded.cache.forgetAll();
        vault.goDown();

        Bundle changed = (Bundle) bundle();
        ((org.hl7.fhir.r4.model.Observation) changed.getEntry().get(1).getResource()).getCode().setText("glucose");
        assertThatThrownBy(() -> ingest.ingest(source(), changed, "req-2"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0501");
                });
        vault.comeBack();
        assertThat(embedded.bank.list(resident)).hasSize(records);
        assertThat(embedded.accessLog.entries()).hasSize(logged);
    }

    @Test
    void whenTheAccessLogIsDown_theSourceIsTold503_andNothingIsStored() {
        embedded.accessLog.goDown();

        assertThatThrownBy(() -> ingest.ingest(source(), bundle(), "req-3"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0502");
                });
        embedded.accessLog.comeBack();
        assertThat(embedded.bank.list(resident)).isEmpty();
        assertThat(rows("fg_source_record")).isZero();
        assertThat(rows("tb_record_version")).isZero();
    }

    @Test
    void whenTheKeyDirectoryIsMissing_anEnrolledResidentsIngest_is503_notAnErasure_andNothingIsStored()
            throws Exception {
        ingest.ingest(source(), bundle(), "req-0");
        int records = rows("tb_record_version");
        int logged = embedded.accessLog.entries().size();
        embedded.cache.forgetAll();
        java.nio.file.Files.move(directory.resolve("keys"), directory.resolve("keys-gone"));

        Bundle changed = (Bundle) bundle();
        ((org.hl7.fhir.r4.model.Observation) changed.getEntry().get(1).getResource()).getCode().setText("glucose");
        assertThatThrownBy(() -> ingest.ingest(source(), changed, "req-5"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0501");
                });
        assertThat(rows("tb_record_version")).isEqualTo(records);
        assertThat(embedded.accessLog.entries()).hasSize(logged);
        assertThat(directory.resolve("keys")).doesNotExist();
    }

    @Test
    void whenTheKeyDirectoryIsMissing_aNewResidentsFirstIngest_is503_andNothingIsStored() throws Exception {
        java.nio.file.Files.move(directory.resolve("keys"), directory.resolve("keys-gone"));

        assertThatThrownBy(() -> ingest.ingest(source(), bundle(), "req-6"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0501");
                });
        assertThat(rows("tb_resident_keyring")).isZero();
        assertThat(rows("tb_record_version")).isZero();
        assertThat(rows("fg_source_record")).isZero();
        assertThat(embedded.accessLog.entries()).isEmpty();
    }

    @Test
    void afterTheResidentErased_theSource_isRefused409_evenForWhatItSentBefore_andTheRefusalIsLogged() {
        ingest.ingest(source(), bundle(), "req-7");
        embedded.bank.erase(resident);
        int logged = embedded.accessLog.entries().size();

        for (Resource again : java.util.List.of(bundle(), changedBundle())) {
            assertThatThrownBy(() -> ingest.ingest(source(), again, "req-8"))
                    .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                        assertThat(refused.status()).isEqualTo(409);
                        assertThat(refused.getMessage()).isEqualTo("FG-0315");
                    });
        }
        assertThat(embedded.bank.isEnrolled(resident)).as("no custody started again").isFalse();
        assertThat(rows("tb_resident_keyring")).isZero();
        assertThat(embedded.accessLog.entries()).hasSize(logged + 2).last().satisfies(refusal -> {
            assertThat(refusal.entry().decision()).isEqualTo(org.azukari.consent.api.AccessDecision.DENY);
            assertThat(refusal.entry().reason()).isEqualTo("resident-erased");
            assertThat(refusal.entry().action()).isEqualTo(org.azukari.consent.api.AccessAction.INGEST);
            assertThat(refusal.entry().resident()).contains(resident);
            assertThat(refusal.entry().resourceCounts()).containsEntry("Observation", 1).containsEntry("Patient", 1);
        });
    }

    @Test
    void afterTheResidentErased_aRefusalTheAccessLogCannotRecord_is503() {
        ingest.ingest(source(), bundle(), "req-9");
        embedded.bank.erase(resident);
        embedded.accessLog.goDown();

        assertThatThrownBy(() -> ingest.ingest(source(), changedBundle(), "req-10"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0502");
                });
        embedded.accessLog.comeBack();
        assertThat(embedded.bank.isEnrolled(resident)).as("no custody started again").isFalse();
    }

    private static Resource changedBundle() {
        Bundle changed = (Bundle) bundle();
        ((org.hl7.fhir.r4.model.Observation) changed.getEntry().get(1).getResource()).getCode().setText("glucose");
        return changed;
    }

    @Test
    void anUnknownPatient_isRefused_andNothingIsStored() {
        Bundle stranger = (Bundle) bundle();
        ((org.hl7.fhir.r4.model.Patient) stranger.getEntry().get(0).getResource()).getIdentifierFirstRep().setValue("42");

        assertThatThrownBy(() -> ingest.ingest(source(), stranger, "req-4"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.outcome().getIssueFirstRep().getDiagnostics()).contains(MRN + "|42");
                });
        assertThat(rows("fg_source_record")).isZero();
        assertThat(rows("tb_record_version")).isZero();
    }
}
