package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.SystemClients;
import org.azukari.server.testing.OnProductionServices;

/**
 * Two inputs naming the same two residents, one A then B and the other B then A, pushed over HTTP
 * at the same moment, round after round, into the bank on PostgreSQL and OpenBao. Each ingest locks
 * the keyring row of every resident it stores for until it commits; in the Bundle's order the two
 * would deadlock and PostgreSQL would abort one (40P01). In one global order they queue: every push
 * answers 200 and every record is stored.
 */
@OnProductionServices
class ConcurrentIngestPostgresIT {

    static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";
    static final int ROUNDS = 12;

    @LocalServerPort
    int port;

    @Autowired
    OrganisationRegistry organisations;

    @Autowired
    PeopleRegistry people;

    @Autowired
    TrustBank bank;

    @Test
    void inputsNamingTheSameResidentsInOppositeOrders_pushedAtOnce_allGoIn_neverDeadlock() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = new OrganisationId("lock-" + suffix);
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Lock order hospital",
                Set.of(new Purpose("treatment"))));
        RealIdentityWorld.SystemClient feed = SystemClients.register(organisations, "lockfeed-" + suffix, hospital,
                PrincipalKind.SOURCE_FEED, "system/*.cu");
        RawHttp http = new RawHttp(port);
        String token = SystemClients.token(http, feed, "system/*.cu");
        ResidentId a = enrol(hospital, "lock-a-" + suffix, "A-" + suffix);
        ResidentId b = enrol(hospital, "lock-b-" + suffix, "B-" + suffix);
        assertThat(push(http, token, bundle("first", "A-" + suffix, "B-" + suffix)).status()).isEqualTo(200);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<RawHttp.Response> answers = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                String aThenB = bundle(round + "-1", "A-" + suffix, "B-" + suffix);
                String bThenA = bundle(round + "-2", "B-" + suffix, "A-" + suffix);
                List<Callable<RawHttp.Response>> pair = List.of(() -> {
                    together.await(1, TimeUnit.MINUTES);
                    return push(http, token, aThenB);
                }, () -> {
                    together.await(1, TimeUnit.MINUTES);
                    return push(http, token, bThenA);
                });
                for (Future<RawHttp.Response> answer : pool.invokeAll(pair, 2, TimeUnit.MINUTES)) {
                    answers.add(answer.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
        for (ResidentId resident : List.of(a, b)) {
            assertThat(bank.list(resident)).filteredOn(r -> r.type().value().equals("Observation"))
                    .hasSize(1 + 2 * ROUNDS);
        }
    }

    private ResidentId enrol(OrganisationId hospital, String username, String mrn) {
        ResidentId resident = people.registerResident(new AccountCredentials(username, "a long lock-order password 1"),
                AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        people.linkEnrolment(new EnrolmentLink(resident, hospital, MRN, mrn));
        return resident;
    }

    /** One transaction: each named patient (by MRN) and a new glucose Observation of theirs, in that order. */
    private static String bundle(String tag, String... mrns) {
        StringBuilder entries = new StringBuilder();
        for (String mrn : mrns) {
            String patientUrn = "urn:uuid:" + UUID.nameUUIDFromBytes(("patient-" + mrn).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8));
            if (entries.length() > 0) {
                entries.append(',');
            }
            entries.append("{\"fullUrl\":\"").append(patientUrn).append("\",\"resource\":{\"resourceType\":\"Patient\",")
                    .append("\"id\":\"p-").append(mrn).append("\",\"identifier\":[{\"system\":\"").append(MRN)
                    .append("\",\"value\":\"").append(mrn).append("\"}]},\"request\":{\"method\":\"PUT\",")
                    .append("\"url\":\"Patient/p-").append(mrn).append("\"}},")
                    .append("{\"resource\":{\"resourceType\":\"Observation\",\"id\":\"o-").append(tag).append('-')
                    .append(mrn).append("\",\"status\":\"final\",\"code\":{\"text\":\"glucose\"},")
                    .append("\"valueQuantity\":{\"value\":101,\"unit\":\"mg/dL\"},\"subject\":{\"reference\":\"")
                    .append(patientUrn).append("\"}},\"request\":{\"method\":\"PUT\",\"url\":\"Observation/o-")
                    .append(tag).append('-').append(mrn).append("\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + "]}";
    }

    private static RawHttp.Response push(RawHttp http, String token, String body) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", body, RealIdentityWorld.bearer(token));
    }
}
