package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.MutableClock;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.ingest.Custody;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.IngestSettings;
import org.azukari.fhir.ingest.IngestTimings;
import org.azukari.fhir.ingest.IngestTransactions;
import org.azukari.fhir.ingest.SourceHashes;
import org.azukari.fhir.ingest.SourceWarnings;
import org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings;
import org.azukari.fhir.ingest.jdbc.JdbcSourceIndex;
import org.azukari.fhir.validation.HapiInputValidator;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.testing.EmbeddedBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole pull, end to end, with nothing faked but the identity registries: a HAPI FHIR JPA
 * server as the hospital, the scheduler, the real ingest (HAPI validator, patient matching,
 * trust bank on H2 with a local key vault). What the hospital holds is what the bank holds,
 * once, including the organisation its encounters cite; a change upstream becomes a new version.
 */
class PullIntoTheBankTest {

    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11311234567";
    private static final String INSURANCE_SYSTEM = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";

    private static UpstreamFhirServer upstream;
    private static HapiInputValidator validator;

    @TempDir
    Path directory;

    @BeforeAll
    static void startUpstream() {
        upstream = UpstreamFhirServer.start();
        validator = HapiInputValidator.withJapanesePackages();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @Test
    void whatTheHospitalHolds_arrivesInTheBankOnce_andAChangeUpstreamBecomesANewVersion() throws Exception {
        PullWorld world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
                PullWorld.policy(4, Duration.ofSeconds(2)), Map.of());
        EmbeddedBank bank = realBankAndIngest(world);
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> upstreamKeys = loadPatientWithRecords(mrn, 9);
        PullSource source = world.sources.register(world.hospital, upstream.baseUrl(), Optional.empty(),
                ValidationMode.LENIENT);
        ResidentId resident = ResidentId.random();
        world.targets.link(source.id(), resident, new UpstreamIdentifier(MRN_SYSTEM, mrn));
        PullScheduler scheduler = world.scheduler();
        try {
            List<PullOutcome> first = scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS);

            assertThat(first).singleElement().satisfies(o ->
                    assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(PullOutcome.Kind.SUCCEEDED));
            List<StoredRecord> held = bank.bank.list(resident);
            // the Patient, nine Observations, one Encounter: the Organization is in the source's directory
            assertThat(held).hasSize(11);
            assertThat(held).extracting(r -> r.type().value()).containsOnly("Patient", "Observation", "Encounter");
            assertThat(bank.bank.list(Custody.directoryOf(world.hospital).id()))
                    .extracting(r -> r.type().value()).containsExactly("Organization");
            assertThat(upstreamKeys).hasSize(12);

            String observationId = upstreamKeys.stream().filter(k -> k.startsWith("Observation/")).findFirst()
                    .orElseThrow().split("/")[1];
            Observation changed = upstream.client().read().resource(Observation.class).withId(observationId).execute();
            changed.setValue(new Quantity(99).setUnit("kg"));
            upstream.client().update().resource(changed).execute();
            world.clock.advance(Duration.ofMinutes(10));
            List<PullOutcome> second = scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS);

            assertThat(second).singleElement().satisfies(o ->
                    assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(PullOutcome.Kind.SUCCEEDED));
            List<StoredRecord> after = bank.bank.list(resident);
            assertThat(after).hasSize(11);
            assertThat(after).filteredOn(r -> r.version().value() == 2).singleElement()
                    .satisfies(r -> assertThat(r.type().value()).isEqualTo("Observation"));
            assertThat(bank.accessLog.entries()).isNotEmpty();
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void anElementOfALaterVersionInAPulledPage_isDroppedAndCountedForTheSource_FG0214() throws Exception {
        PullWorld world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
                PullWorld.policy(4, Duration.ofSeconds(2)), Map.of());
        EmbeddedBank bank = realBankAndIngest(world);
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        loadPatientWithRecords(mrn, 3);
        PullSource source = world.sources.register(world.hospital, upstream.baseUrl(), Optional.empty(),
                ValidationMode.LENIENT);
        ResidentId resident = ResidentId.random();
        world.targets.link(source.id(), resident, new UpstreamIdentifier(MRN_SYSTEM, mrn));
        JdbcSourceWarnings warnings = new JdbcSourceWarnings(world.dataSource, Clock.systemUTC());
        PullScheduler scheduler = world.scheduler();
        upstream.addToObservations("\"triggeredBy\":[{\"type\":\"reflex\"}]");
        try {
            List<PullOutcome> outcomes = scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS);

            assertThat(outcomes).singleElement().satisfies(o ->
                    assertThat(o.kind()).as(String.valueOf(o.error())).isEqualTo(PullOutcome.Kind.SUCCEEDED));
            assertThat(bank.bank.list(resident)).filteredOn(r -> r.type().value().equals("Observation")).hasSize(3);
            assertThat(warnings.counts(world.hospital)).filteredOn(count -> count.kind().code().equals("FG-0214"))
                    .singleElement().satisfies(count -> {
                        assertThat(count.kind()).isEqualTo(new SourceWarnings.Kind("FG-0214", "Observation"));
                        assertThat(count.count()).isEqualTo(3);
                    });
        } finally {
            upstream.addToObservations(null);
            scheduler.stop();
        }
    }

    @Test
    void aPatientWhoseIdentifiersNameTwoResidents_isNotPulledIntoEither_andTheRefusalIsLogged() throws Exception {
        PullWorld world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
                PullWorld.policy(4, Duration.ofSeconds(2)), Map.of());
        EmbeddedBank bank = realBankAndIngest(world);
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        String otherNumber = "INS-" + UUID.randomUUID().toString().substring(0, 8);
        loadPatientWithRecords(mrn, 2, INSURANCE_SYSTEM, otherNumber);
        PullSource source = world.sources.register(world.hospital, upstream.baseUrl(), Optional.empty(),
                ValidationMode.LENIENT);
        ResidentId resident = ResidentId.random();
        ResidentId another = ResidentId.random();
        world.targets.link(source.id(), resident, new UpstreamIdentifier(MRN_SYSTEM, mrn));
        world.people.linkEnrolment(new org.azukari.identity.api.EnrolmentLink(another, world.hospital,
                INSURANCE_SYSTEM, otherNumber));
        PullScheduler scheduler = world.scheduler();
        try {
            List<PullOutcome> outcomes = scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS);

            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(PullOutcome.Kind.FAILED);
                assertThat(o.error()).hasValueSatisfying(error -> {
                    assertThat(error.code()).isEqualTo("FG-0617");
                    assertThat(error.text()).contains("HTTP 422").contains("FG-0309").doesNotContain(mrn)
                            .doesNotContain(otherNumber);
                });
            });
            assertThat(bank.bank.isEnrolled(resident) ? bank.bank.list(resident) : List.of()).isEmpty();
            assertThat(bank.bank.isEnrolled(another) ? bank.bank.list(another) : List.of()).isEmpty();
            assertThat(bank.accessLog.entries()).extracting(logged -> logged.entry().resident().orElseThrow())
                    .containsExactlyInAnyOrder(resident, another);
            assertThat(bank.accessLog.entries()).allSatisfy(logged -> {
                assertThat(logged.entry().decision()).isEqualTo(org.azukari.consent.api.AccessDecision.DENY);
                assertThat(logged.entry().actor().kind()).isEqualTo("SOURCE_PULL");
            });
        } finally {
            scheduler.stop();
        }
    }

    @Test
    void afterTheResidentErased_nothingIsPulledForThem_andNoCustodyStartsAgain() throws Exception {
        PullWorld world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
                PullWorld.policy(4, Duration.ofSeconds(2)), Map.of());
        EmbeddedBank bank = realBankAndIngest(world);
        String mrn = "MRN-" + UUID.randomUUID().toString().substring(0, 8);
        loadPatientWithRecords(mrn, 2);
        PullSource source = world.sources.register(world.hospital, upstream.baseUrl(), Optional.empty(),
                ValidationMode.LENIENT);
        ResidentId resident = ResidentId.random();
        world.targets.link(source.id(), resident, new UpstreamIdentifier(MRN_SYSTEM, mrn));
        PullScheduler scheduler = world.scheduler();
        try {
            assertThat(scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS)).singleElement()
                    .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));
            bank.bank.erase(resident);
            world.clock.advance(Duration.ofMinutes(10));

            List<PullOutcome> after = scheduler.pullNow(source.id()).get(120, TimeUnit.SECONDS);

            assertThat(after).singleElement().satisfies(o -> {
                assertThat(o.kind()).isEqualTo(PullOutcome.Kind.FAILED);
                assertThat(o.error()).hasValueSatisfying(e -> assertThat(e.code()).isEqualTo("FG-0622"));
            });
            assertThat(bank.bank.enrolment(resident)).isEqualTo(Enrolment.ERASED);
            assertThat(bank.bank.list(resident)).isEmpty();
        } finally {
            scheduler.stop();
        }
    }

    /** The trust bank (H2, local key vault) and the real ingest into it, as the world's. */
    private EmbeddedBank realBankAndIngest(PullWorld world) {
        EmbeddedBank bank = new EmbeddedBank(world.dataSource, EmbeddedBank.localVault(directory),
                directory.resolve("ledger"));
        world.bank = bank.bank;
        SourceHashes hashes = new SourceHashes(purpose -> new byte[32]);
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(world.dataSource));
        world.into = new BankIngest(bank.bank, bank.accessLog, world.people,
                new JdbcSourceIndex(world.dataSource, hashes, Clock.systemUTC()), validator, DataClassifier.standard(),
                hashes, new IngestTransactions() {
                    @Override
                    public <T> T inOne(java.util.function.Supplier<T> work) {
                        return template.execute(status -> work.get());
                    }
                }, IngestSettings.DEFAULTS, new IngestTimings(),
                new JdbcSourceWarnings(world.dataSource, Clock.systemUTC()));
        return bank;
    }

    /** Patient, Organization, an Encounter at it, and {@code observations} Observations; answers their keys. */
    private static List<String> loadPatientWithRecords(String mrn, int observations, String... moreIdentifiers) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        String organisationUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        for (int i = 0; i < moreIdentifiers.length; i += 2) {
            patient.addIdentifier().setSystem(moreIdentifiers[i]).setValue(moreIdentifiers[i + 1]);
        }
        patient.addName().setFamily("Yamada").addGiven("Hanako");
        transaction.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        Organization hospital = new Organization().setName("Minato General");
        transaction.addEntry().setFullUrl(organisationUrl).setResource(hospital).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Organization");
        Encounter encounter = new Encounter().setStatus(Encounter.EncounterStatus.FINISHED)
                .setSubject(new Reference(patientUrl)).setServiceProvider(new Reference(organisationUrl));
        encounter.getClass_().setSystem("http://terminology.hl7.org/CodeSystem/v3-ActCode").setCode("AMB");
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(encounter).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Encounter");
        for (int i = 0; i < observations; i++) {
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding().setSystem("http://loinc.org").setCode("29463-7");
            observation.setSubject(new Reference(patientUrl));
            observation.setValue(new Quantity(50 + i).setUnit("kg"));
            transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
        return upstream.client().transaction().withBundle(transaction).execute().getEntry().stream()
                .map(e -> e.getResponse().getLocation()).toList();
    }
}
