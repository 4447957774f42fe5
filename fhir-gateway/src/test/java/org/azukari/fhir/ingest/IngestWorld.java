package org.azukari.fhir.ingest;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.jdbc.JdbcSourceIndex;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.fhir.validation.ValidationReport;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.DecryptedRecord;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ingest pipeline as the configuration assembles it, on the embedded bank (H2 file in
 * PostgreSQL mode, local key vault, both migrated by the real migrations) and the real source
 * index; the validator passes everything and the people register holds only enrolment links.
 */
final class IngestWorld {

    static final OrganisationId HOSPITAL = new OrganisationId("hospital-1");

    final DataSource dataSource;
    final EmbeddedBank embedded;
    final SourceIndex index;
    final BankIngest ingest;
    private final Map<String, ResidentId> links = new ConcurrentHashMap<>();

    IngestWorld(Path directory) {
        this(directory, UnaryOperator.identity());
    }

    /** @param seen what the pipeline sees of the real index (a test's view of a race) */
    IngestWorld(Path directory, UnaryOperator<SourceIndex> seen) {
        dataSource = EmbeddedBank.h2File(directory);
        embedded = new EmbeddedBank(dataSource, EmbeddedBank.localVault(directory), directory.resolve("ledger"));
        org.flywaydb.core.Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/gateway")
                .baselineOnMigrate(true).baselineVersion("5.0").table("fg_schema_history").load().migrate();
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        SourceHashes hashes = new SourceHashes(new byte[32]);
        index = new JdbcSourceIndex(dataSource, hashes, Clock.systemUTC());
        ingest = new BankIngest(embedded.bank, embedded.accessLog, people(), seen.apply(index),
                (input, mode) -> new ValidationReport(false, new OperationOutcome()), DataClassifier.standard(), hashes,
                new IngestTransactions() {
                    @Override
                    public <T> T inOne(java.util.function.Supplier<T> work) {
                        return template.execute(status -> work.get());
                    }
                }, IngestSettings.DEFAULTS, new IngestTimings(),
                new org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings(dataSource, Clock.systemUTC()));
    }

    /** Links {@code system|value} at the hospital to the resident, as an enrolment does. */
    void enrol(ResidentId resident, String system, String value) {
        links.put(system + "|" + value, resident);
    }

    /** Only the one method the pipeline uses; anything else would be a test bug. */
    private PeopleRegistry people() {
        return (PeopleRegistry) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PeopleRegistry.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("findResidentByEnrolment")) {
                        return HOSPITAL.equals(args[0]) ? Optional.ofNullable(links.get(args[1] + "|" + args[2]))
                                : Optional.empty();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    static IngestSource source() {
        return new IngestSource(HOSPITAL, OrganisationKind.HOSPITAL, Optional.empty(), ValidationMode.LENIENT);
    }

    IngestResult ingest(String json, String requestId) {
        return ingest.ingest(source(), parse(json), requestId);
    }

    static Resource parse(String json) {
        return (Resource) ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(json);
    }

    List<StoredRecord> records(ResidentId resident) {
        return embedded.bank.isEnrolled(resident) ? embedded.bank.list(resident) : List.of();
    }

    /** The current version of each of the resident's records of that type, as JSON. */
    List<String> contents(ResidentId resident, String type) {
        return records(resident).stream().filter(r -> r.type().value().equals(type))
                .map(r -> embedded.bank.read(resident, r.id())).map(DecryptedRecord::content)
                .map(content -> content.plaintextUtf8()).toList();
    }

    int rows(String table) {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + table, Integer.class);
    }
}
