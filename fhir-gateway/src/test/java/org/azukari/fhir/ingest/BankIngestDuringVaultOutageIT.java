package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.jdbc.JdbcSourceIndex;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.fhir.validation.ValidationReport;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitKeyVault;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.azukari.trustbank.testing.OpenBaoServer;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.RequiredEnv;
import org.flywaydb.core.Flyway;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest over the production stores (PostgreSQL, a private non-dev OpenBao that is sealed,
 * stopped and has a key deleted behind the bank's back): a vault fault answers 503 FG-0501 for a
 * resident the bank holds and for a new one, never 409 "erased", and leaves nothing behind; a key
 * missing with no erasure naming it is a fault too; only a real erasure answers FG-0315. The same
 * pipeline works again once the vault is back.
 */
class BankIngestDuringVaultOutageIT {

    private static final OrganisationId HOSPITAL = new OrganisationId("hospital-1");
    private static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";

    private static OpenBaoServer server;
    private static PostgresDatabase database;
    private static EmbeddedBank embedded;
    private static BankIngest ingest;
    private static final Map<String, ResidentId> LINKS = new ConcurrentHashMap<>();

    @TempDir
    static Path directory;

    private final String mrn = "V" + UUID.randomUUID().toString().substring(0, 8);
    private final ResidentId resident = ResidentId.random();

    @BeforeAll
    static void startBank() {
        server = OpenBaoServer.startFresh(Path.of(RequiredEnv.get("AZUKARI_IT_BAO_BIN")),
                Path.of(RequiredEnv.get("AZUKARI_IT_VAULT_POLICY_FILE")));
        database = new PostgresDatabase();
        VaultTransitKeyVault vault = new VaultTransitKeyVault(new VaultKeyVaultSettings(server.address(),
                VaultKeyVaultSettings.DEFAULT_TRANSIT_MOUNT,
                VaultKeyVaultSettings.Authentication.token(server.createToken(OpenBaoServer.BANK_POLICY)),
                Duration.ofSeconds(1), Duration.ofSeconds(2)));
        embedded = new EmbeddedBank(database.dataSource(), vault, directory.resolve("erasures.txt"));
        Flyway.configure().dataSource(database.dataSource()).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history").load().migrate();
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(database.dataSource()));
        SourceHashes hashes = new SourceHashes(new byte[32]);
        ingest = new BankIngest(embedded.bank, embedded.accessLog, people(), new JdbcSourceIndex(database.dataSource(),
                hashes, Clock.systemUTC()), (input, mode) -> new ValidationReport(false, new OperationOutcome()),
                DataClassifier.standard(), hashes, new IngestTransactions() {
                    @Override
                    public <T> T inOne(java.util.function.Supplier<T> work) {
                        return template.execute(status -> work.get());
                    }
                }, IngestSettings.DEFAULTS, new IngestTimings(),
                new org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings(database.dataSource(), Clock.systemUTC()));
    }

    @AfterAll
    static void stopBank() {
        if (database != null) {
            database.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void vaultUp() {
        server.ensureRunningAndUnsealed();
        LINKS.put(mrn, resident);
    }

    /** The enrolment links: only the lookup the pipeline makes. */
    private static PeopleRegistry people() {
        return (PeopleRegistry) Proxy.newProxyInstance(BankIngestDuringVaultOutageIT.class.getClassLoader(),
                new Class<?>[] {PeopleRegistry.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findResidentByEnrolment")) {
                        return HOSPITAL.equals(args[0]) && MRN.equals(args[1])
                                ? Optional.ofNullable(LINKS.get((String) args[2])) : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static IngestSource source() {
        return new IngestSource(HOSPITAL, OrganisationKind.HOSPITAL, Optional.empty(), ValidationMode.LENIENT);
    }

    private Resource bundle(String glucose) {
        return bundle(mrn, glucose);
    }

    private static Resource bundle(String mrn, String glucose) {
        // a urn:uuid is the resource's own for good: a source never reuses one for another patient
        String patientUrn = "urn:uuid:" + UUID.nameUUIDFromBytes(("patient-" + mrn).getBytes(StandardCharsets.UTF_8));
        String json = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + "{\"fullUrl\":\"" + patientUrn + "\",\"resource\":{\"resourceType\":\"Patient\","
                + "\"id\":\"p-" + mrn + "\",\"identifier\":[{\"system\":\"" + MRN + "\",\"value\":\"" + mrn + "\"}]},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Patient/p-" + mrn + "\"}},"
                + "{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o-" + mrn + "\",\"status\":\"final\","
                + "\"code\":{\"text\":\"glucose\"},\"subject\":{\"reference\":\"" + patientUrn + "\"}},"
                + "\"request\":{\"method\":\"PUT\",\"url\":\"Observation/o-" + mrn + "\"}}]}";
        Bundle bundle = (Bundle) FhirContext.forR4Cached().newJsonParser().parseResource(json);
        ((Observation) bundle.getEntry().get(1).getResource()).getCode().setText("glucose " + glucose);
        return bundle;
    }

    private int rows() {
        return new JdbcTemplate(database.dataSource()).queryForObject("SELECT (SELECT COUNT(*) FROM tb_record_version)"
                + " + (SELECT COUNT(*) FROM tb_resident_keyring) + (SELECT COUNT(*) FROM fg_source_record)",
                Integer.class);
    }

    private static void assertUnavailable(Runnable ingestion) {
        assertThatThrownBy(ingestion::run).isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.getMessage()).isEqualTo("FG-0501");
        });
    }

    /** A resident the bank already holds, a new one (linked, nothing sent yet), and the rows and log entries so far. */
    private ResidentId holdOneAndLinkANewcomer(String newcomerMrn) {
        ingest.ingest(source(), bundle("100"), "req-held");
        embedded.cache.forgetAll();
        ResidentId newcomer = ResidentId.random();
        LINKS.put(newcomerMrn, newcomer);
        return newcomer;
    }

    @Test
    void whileTheVaultIsSealed_ingestIs503_forAHeldResidentAndANewOne_notErased_andNothingIsWritten() {
        String newcomerMrn = "N" + UUID.randomUUID().toString().substring(0, 8);
        ResidentId newcomer = holdOneAndLinkANewcomer(newcomerMrn);
        int before = rows();
        int logged = embedded.accessLog.entries().size();
        server.seal();

        assertUnavailable(() -> ingest.ingest(source(), bundle("140"), "req-sealed"));
        assertUnavailable(() -> ingest.ingest(source(), bundle(newcomerMrn, "1"), "req-sealed-new"));

        assertThat(rows()).as("nothing half-written").isEqualTo(before);
        assertThat(embedded.accessLog.entries()).hasSize(logged);
        server.unseal();
        assertThat(ingest.ingest(source(), bundle("140"), "req-unsealed").created()).isEqualTo(1);
        assertThat(ingest.ingest(source(), bundle(newcomerMrn, "1"), "req-unsealed-new").created()).isEqualTo(2);
        assertThat(embedded.bank.isEnrolled(newcomer)).isTrue();
    }

    @Test
    void whileTheVaultIsStopped_ingestIs503_forAHeldResidentAndANewOne_notErased_andNothingIsWritten() {
        String newcomerMrn = "S" + UUID.randomUUID().toString().substring(0, 8);
        holdOneAndLinkANewcomer(newcomerMrn);
        int before = rows();
        server.stop();

        assertUnavailable(() -> ingest.ingest(source(), bundle("150"), "req-stopped"));
        assertUnavailable(() -> ingest.ingest(source(), bundle(newcomerMrn, "1"), "req-stopped-new"));

        assertThat(rows()).isEqualTo(before);
        server.start();
        server.unseal();
        assertThat(ingest.ingest(source(), bundle("150"), "req-restarted").created()).isEqualTo(1);
    }

    @Test
    void aKeyDeletedFromTheVault_withNoErasure_is503_notErased() throws Exception {
        ingest.ingest(source(), bundle("100"), "req-before");
        embedded.cache.forgetAll();
        String kek = new JdbcTemplate(database.dataSource()).queryForObject(
                "SELECT kek_id FROM tb_resident_keyring WHERE resident_id = ?", String.class, resident.value());
        deleteTransitKey(kek);
        int before = rows();

        assertUnavailable(() -> ingest.ingest(source(), bundle("160"), "req-lost-key"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void onlyARealErasure_answersFG0315() {
        ingest.ingest(source(), bundle("100"), "req-before");
        embedded.bank.erase(resident);

        assertThatThrownBy(() -> ingest.ingest(source(), bundle("170"), "req-erased"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).isEqualTo("FG-0315");
                });
        assertThat(embedded.bank.isEnrolled(resident)).isFalse();
    }

    /** As an administrator could, behind the bank's back: allow deletion, then delete (root token). */
    private static void deleteTransitKey(String kek) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        URI config = server.address().resolve("/v1/transit/keys/" + kek + "/config");
        HttpResponse<String> allowed = http.send(HttpRequest.newBuilder(config).header("X-Vault-Token", server.rootToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"deletion_allowed\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(allowed.statusCode()).isBetween(200, 204);
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(server.address().resolve("/v1/transit/keys/" + kek))
                .header("X-Vault-Token", server.rootToken()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode()).isBetween(200, 204);
    }
}
