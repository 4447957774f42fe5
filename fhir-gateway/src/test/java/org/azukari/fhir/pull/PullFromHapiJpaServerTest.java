package org.azukari.fhir.pull;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.MutableClock;
import org.azukari.fhir.validation.ValidationMode;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The pull side against a real FHIR server it did not write: a HAPI FHIR JPA server in this
 * JVM, loaded through its own REST API. The bank side runs as configured (H2, the real
 * migration, the real store, seal, client and scheduler) with a recording ingest behind the
 * {@code Ingest} interface.
 */
class PullFromHapiJpaServerTest {

    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11311234567";
    private static final long WAIT_SECONDS = 120;

    private static UpstreamFhirServer upstream;

    private PullWorld world;
    private PullScheduler scheduler;
    private final List<PullScheduler> started = new ArrayList<>();

    @BeforeAll
    static void startUpstream() {
        upstream = UpstreamFhirServer.start();
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    @AfterEach
    void stopSchedulers() {
        started.forEach(PullScheduler::stop);
        upstream.restart();
    }

    private void world(int pageSize, Duration overlap, Map<String, UpstreamCredential> credentials) {
        world = new PullWorld(new MutableClock(Instant.parse("2026-01-05T09:00:00Z")),
                PullWorld.policy(pageSize, overlap), credentials);
        scheduler = scheduler();
    }

    private PullScheduler scheduler() {
        PullScheduler started = world.scheduler();
        this.started.add(started);
        return started;
    }

    /** A patient with an MRN and {@code observations} Observations, in one transaction; answers the version keys. */
    private static List<String> load(String mrn, int observations) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patient.addName().setFamily("Yamada").addGiven("Hanako");
        transaction.addEntry().setFullUrl(patientUrl).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        addObservations(transaction, new Reference(patientUrl), observations);
        return keys(upstream.client().transaction().withBundle(transaction).execute());
    }

    private static List<String> addObservationsUpstream(String patientId, int observations) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        addObservations(transaction, new Reference("Patient/" + patientId), observations);
        return keys(upstream.client().transaction().withBundle(transaction).execute());
    }

    private static void addObservations(Bundle transaction, Reference subject, int count) {
        for (int i = 0; i < count; i++) {
            Observation observation = new Observation();
            observation.setStatus(Observation.ObservationStatus.FINAL);
            observation.getCode().addCoding().setSystem("http://loinc.org").setCode("29463-7");
            observation.setSubject(subject);
            observation.setValue(new Quantity(50 + i).setUnit("kg"));
            transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(observation).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        }
    }

    /** "Type/id/_history/n", as the recording ingest keys what it keeps. */
    private static List<String> keys(Bundle response) {
        return response.getEntry().stream().map(e -> e.getResponse().getLocation()).toList();
    }

    private static String patientId(List<String> keys) {
        return keys.get(0).split("/")[1];
    }

    private PullTarget link(PullSource source, String mrn) {
        return world.targets.link(source.id(), ResidentId.random(), new UpstreamIdentifier(MRN_SYSTEM, mrn));
    }

    private PullSource register(String baseUrl, Optional<String> credentialRef) {
        return world.sources.register(world.hospital, baseUrl, credentialRef, ValidationMode.LENIENT);
    }

    private List<PullOutcome> pullNow(PullScheduler on, PullSource source) throws Exception {
        return on.pullNow(source.id()).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    private PullCursor cursor(PullTarget target) {
        return world.store.cursor(target).orElseThrow();
    }

    private static String mrn() {
        return "MRN-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void pull_overSeveralPages_takesInEveryResourceOnce_andAdvancesTheCursor() throws Exception {
        world(5, Duration.ofSeconds(2), Map.of());
        String mrn = mrn();
        List<String> upstreamKeys = load(mrn, 33);
        PullSource source = register(upstream.baseUrl(), Optional.empty());
        PullTarget target = link(source, mrn);

        List<PullOutcome> outcomes = pullNow(scheduler, source);

        assertThat(outcomes).singleElement().satisfies(o -> {
            assertThat(o.kind()).as(o.error().toString()).isEqualTo(PullOutcome.Kind.SUCCEEDED);
            assertThat(o.pulled()).isEqualTo(34);
        });
        assertThat(world.ingest.keptKeys()).containsExactlyInAnyOrderElementsOf(upstreamKeys);
        assertThat(world.ingest.sources()).as("one bundle per page of 5").hasSize(7)
                .allSatisfy(s -> assertThat(s.organisation()).isEqualTo(world.hospital));
        assertThat(world.ingest.deliveries().stream().filter(k -> k.startsWith("Observation/")))
                .as("each Observation delivered once").doesNotHaveDuplicates().hasSize(33);
        PullCursor cursor = cursor(target);
        assertThat(cursor.state()).isEqualTo(PullCursor.State.IDLE);
        assertThat(cursor.highWater()).isPresent();
        assertThat(cursor.attempts()).isZero();
        assertThat(cursor.resourcesPulled()).isEqualTo(34);
        assertThat(cursor.nextAttemptAt()).isEqualTo(world.clock.instant().plus(PullWorld.INTERVAL));
        assertThat(world.people.links()).singleElement().satisfies(link -> {
            assertThat(link.source()).isEqualTo(world.hospital);
            assertThat(link.resident()).isEqualTo(target.resident());
        });
    }

    @Test
    void aRecordChangedUpstream_arrivesAsItsNewVersion_andUnchangedOnesAreNotDeliveredAgain() throws Exception {
        world(5, Duration.ZERO, Map.of());
        String mrn = mrn();
        List<String> upstreamKeys = load(mrn, 8);
        PullSource source = register(upstream.baseUrl(), Optional.empty());
        PullTarget target = link(source, mrn);
        assertThat(pullNow(scheduler, source)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));
        Instant firstMark = cursor(target).highWater().orElseThrow();
        int deliveredBefore = world.ingest.deliveries().size();

        String changedId = upstreamKeys.get(3).split("/")[1];
        Observation changed = upstream.client().read().resource(Observation.class).withId(changedId).execute();
        changed.setValue(new Quantity(99).setUnit("kg"));
        upstream.client().update().resource(changed).execute();
        assertThat(pullNow(scheduler, source)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));

        List<String> secondPull = world.ingest.deliveries().subList(deliveredBefore, world.ingest.deliveries().size());
        assertThat(secondPull).filteredOn(k -> k.startsWith("Observation/"))
                .containsExactly("Observation/" + changedId + "/_history/2");
        assertThat(world.ingest.keptKeys()).containsAll(upstreamKeys)
                .contains("Observation/" + changedId + "/_history/2").doesNotHaveDuplicates();
        assertThat(cursor(target).highWater().orElseThrow()).isAfter(firstMark);
    }

    @Test
    void theSourceGoingDownMidPull_keepsTheCursor_andTheRetryCompletes_withNothingSkippedOrDuplicated() throws Exception {
        world(5, Duration.ofSeconds(2), Map.of());
        String mrn = mrn();
        List<String> before = load(mrn, 4);
        PullSource source = register(upstream.baseUrl(), Optional.empty());
        PullTarget target = link(source, mrn);
        pullNow(scheduler, source);
        PullCursor afterFirst = cursor(target);
        List<String> added = addObservationsUpstream(patientId(before), 30);

        world.ingest.afterEachBundle(bundle -> {
            if (bundle == 3) { // the first bundle was the first pull; two pages into the second, the source goes down
                upstream.stop();
            }
        });
        List<PullOutcome> failed = pullNow(scheduler, source);

        assertThat(upstream.isRunning()).isFalse();
        assertThat(failed).singleElement().satisfies(o -> {
            assertThat(o.kind()).isEqualTo(PullOutcome.Kind.FAILED);
            assertThat(o.error().orElseThrow().code()).isEqualTo("FG-0610");
        });
        PullCursor afterFailure = cursor(target);
        assertThat(afterFailure.state()).isEqualTo(PullCursor.State.FAILED);
        assertThat(afterFailure.highWater()).as("the mark did not move").isEqualTo(afterFirst.highWater());
        assertThat(afterFailure.attempts()).isEqualTo(1);
        assertThat(afterFailure.nextAttemptAt()).isEqualTo(world.clock.instant().plus(PullWorld.BACKOFF.initial()));
        assertThat(afterFailure.resourcesPulled()).isEqualTo(afterFirst.resourcesPulled());
        assertThat(world.ingest.keptKeys()).as("it really was half-way").hasSizeBetween(before.size() + 1,
                before.size() + added.size() - 1);

        world.ingest.afterEachBundle(bundle -> { });
        upstream.restart();
        world.clock.advance(PullWorld.BACKOFF.initial());
        List<PullOutcome> retried = scheduler.runDue().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(retried).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));
        List<String> everything = new ArrayList<>(before);
        everything.addAll(added);
        assertThat(world.ingest.keptKeys()).as("nothing skipped, nothing extra, each version kept once")
                .containsExactlyInAnyOrderElementsOf(everything);
        PullCursor afterRetry = cursor(target);
        assertThat(afterRetry.state()).isEqualTo(PullCursor.State.IDLE);
        assertThat(afterRetry.attempts()).isZero();
        assertThat(afterRetry.lastError()).isEmpty();
        assertThat(afterRetry.highWater().orElseThrow()).isAfter(afterFirst.highWater().orElseThrow());
    }

    @Test
    void repeatedFailures_putTheNextAttemptOffLongerEachTime_andTheSchedulerWaitsForIt() throws Exception {
        world(5, Duration.ofSeconds(2), Map.of());
        PullSource source = register(closedPortUrl(), Optional.empty());
        PullTarget target = link(source, mrn());

        List<Duration> waits = new ArrayList<>();
        for (int attempt = 1; attempt <= 4; attempt++) {
            assertThat(pullNow(scheduler, source)).singleElement()
                    .satisfies(o -> assertThat(o.error().orElseThrow().code()).isEqualTo("FG-0610"));
            PullCursor cursor = cursor(target);
            assertThat(cursor.attempts()).isEqualTo(attempt);
            waits.add(Duration.between(cursor.lastAttemptAt().orElseThrow(), cursor.nextAttemptAt()));
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
                Duration.ofMinutes(8));

        world.clock.advance(Duration.ofMinutes(7));
        assertThat(scheduler.runDue().get(WAIT_SECONDS, TimeUnit.SECONDS)).as("not due yet").isEmpty();
        world.clock.advance(Duration.ofMinutes(1));
        assertThat(scheduler.runDue().get(WAIT_SECONDS, TimeUnit.SECONDS)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.FAILED));
        assertThat(cursor(target).attempts()).isEqualTo(5);
        PullStatus status = world.sources.status(source.id()).orElseThrow();
        assertThat(status.failing()).isEqualTo(1);
        assertThat(status.lastError().orElseThrow().code()).isEqualTo("FG-0610");
    }

    @Test
    void aTargetBeingPulled_isNotPulledAgainAtTheSameTime_hereOrOnAnotherNode() throws Exception {
        world(5, Duration.ofSeconds(2), Map.of());
        String mrn = mrn();
        load(mrn, 12);
        PullSource source = register(upstream.baseUrl(), Optional.empty());
        link(source, mrn);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        world.ingest.afterEachBundle(bundle -> {
            if (bundle == 1) {
                inside.countDown();
                await(goOn);
            }
        });

        CompletableFuture<List<PullOutcome>> first = scheduler.pullNow(source.id());
        assertThat(inside.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        List<PullOutcome> again = pullNow(scheduler, source);
        List<PullOutcome> otherNode = pullNow(scheduler(), source);
        goOn.countDown();

        assertThat(again).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SKIPPED));
        assertThat(otherNode).singleElement().satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SKIPPED));
        assertThat(first.get(WAIT_SECONDS, TimeUnit.SECONDS)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));
        assertThat(world.ingest.deliveries().stream().filter(k -> k.startsWith("Observation/"))).doesNotHaveDuplicates();
    }

    @Test
    void theIdentifierAndTheCredential_areNeverInTheDatabaseInClearNorInAUrl_andTheCredentialReachesTheSource()
            throws Exception {
        String token = "tok-" + UUID.randomUUID();
        world(5, Duration.ofSeconds(2), Map.of("hosp-token", new UpstreamCredential.Bearer(token)));
        String mrn = mrn();
        load(mrn, 3);
        PullSource source = register(upstream.baseUrl(), Optional.of("hosp-token"));
        link(source, mrn);

        assertThat(pullNow(scheduler, source)).singleElement()
                .satisfies(o -> assertThat(o.kind()).isEqualTo(PullOutcome.Kind.SUCCEEDED));

        assertThat(upstream.authorizations()).contains("Bearer " + token);
        assertThat(upstream.urls()).isNotEmpty().noneMatch(url -> url.contains(mrn)).noneMatch(url -> url.contains(token));
        String tables = dump("fg_pull_source") + dump("fg_pull_target");
        assertThat(tables).contains(source.id().toString()).contains("hosp-token")
                .doesNotContain(mrn).doesNotContain(MRN_SYSTEM).doesNotContain(token);
    }

    @Test
    void aPatientTheSourceDoesNotKnow_failsWithACode_thatQuotesNothing() throws Exception {
        world(5, Duration.ofSeconds(2), Map.of());
        String mrn = mrn();
        PullSource source = register(upstream.baseUrl(), Optional.empty());
        link(source, mrn);

        PullOutcome outcome = pullNow(scheduler, source).get(0);

        assertThat(outcome.error().orElseThrow().code()).isEqualTo("FG-0612");
        assertThat(outcome.error().orElseThrow().toString()).doesNotContain(mrn).doesNotContain(MRN_SYSTEM);
        assertThat(world.ingest.deliveries()).isEmpty();
    }

    /** Every row of a table, every column, binary ones read as bytes. */
    private String dump(String table) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection connection = world.dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int i = 1; i <= columns; i++) {
                    Object value = rows.getObject(i);
                    out.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                            : String.valueOf(value)).append('|');
                }
                out.append('\n');
            }
        }
        assertThat(out).as(table + " has rows").isNotEmpty();
        return out.toString();
    }

    private static String closedPortUrl() throws Exception {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/fhir";
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
