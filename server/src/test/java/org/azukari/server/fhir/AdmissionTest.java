package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.azukari.fhir.admission.Admissions;
import org.azukari.fhir.admission.Bulkhead;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Admission control over HTTP: with a limit full, one more request is refused at once with 429,
 * {@code Retry-After} and an OperationOutcome of type {@code throttled}, before any work; nothing
 * is stored or released, and the same request goes through once there is room. The requests
 * already inside are stood for by holding their permits (the seam every admitted request holds
 * while it works), so the limits are full for exactly as long as a test says.
 */
@TestPropertySource(properties = {"azukari.data-dir=./target/admission-test-data",
        "azukari.admission.ingest.global=2", "azukari.admission.ingest.per-source=1",
        "azukari.admission.release=1", "azukari.admission.exports-per-organisation=1",
        "azukari.admission.retry-after=3s"})
class AdmissionTest extends RealIdentityWorld {

    private static final String MRN = PatientGlucoseBundles.MRN;

    @Autowired
    Admissions admissions;

    @Autowired
    TrustBank bank;

    record Feed(OrganisationId organisation, String token) {
    }

    private Feed feed(OrganisationId organisation) throws Exception {
        return new Feed(organisation, accessToken(registerSourceFeed("adfeed-" + UUID.randomUUID().toString()
                .substring(0, 8), organisation), "system/*.cu"));
    }

    /** A new resident the organisation knows by {@code mrn}. */
    private PersonAccount linked(OrganisationId organisation, String mrn) {
        PersonAccount account = registerResident("adm-" + UUID.randomUUID().toString().substring(0, 8));
        people.linkEnrolment(new EnrolmentLink(account.resident().orElseThrow(), organisation, MRN, mrn));
        return account;
    }

    private RawHttp.Response send(Feed feed, String mrn) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "101"),
                bearer(feed.token()));
    }

    private static void assertBusy(RawHttp.Response answer, String code) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("3");
        assertThat(answer.header("Content-Type")).startsWith("application/fhir+json");
        assertThat(answer.body()).startsWith("{\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"throttled\"").contains(code);
    }

    @Test
    void ingest_whileItsSourceHasAsManyUnderWayAsItMay_is429AtOnce_storesNothing_andOtherSourcesGoIn()
            throws Exception {
        Feed busy = feed(world().hospital());
        OrganisationId otherHospital = organisation("adm-other-" + world().suffix() + UUID.randomUUID().toString()
                .substring(0, 4), OrganisationKind.HOSPITAL, "treatment");
        Feed other = feed(otherHospital);
        String mrn = "A" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = linked(world().hospital(), mrn);
        String otherMrn = "B" + UUID.randomUUID().toString().substring(0, 8);
        linked(otherHospital, otherMrn);

        RawHttp.Response refused;
        RawHttp.Response otherSource;
        try (Bulkhead.Admitted underWay = (Bulkhead.Admitted) admissions.ingest().tryEnter(world().hospital())) {
            refused = send(busy, mrn);
            otherSource = send(other, otherMrn);
        }

        assertBusy(refused, "FG-0221");
        assertThat(bank.isEnrolled(resident.resident().orElseThrow())).as("nothing stored, no custody").isFalse();
        assertThat(otherSource.status()).as(otherSource.body()).isEqualTo(200);
        assertThat(otherSource.body()).contains("201 Created");
        RawHttp.Response again = send(busy, mrn);
        assertThat(again.body()).as("the refused input was not stored before").contains("201 Created")
                .doesNotContain("200 OK");
        assertThat(admissions.ingest().available()).as("every finished ingest gave its permit back").isEqualTo(2);
    }

    @Test
    void ingest_whileTheBankHasAsManyUnderWayAsItTakes_is429ForAnySource_andStoresNothing() throws Exception {
        Feed feed = feed(world().hospital());
        String mrn = "C" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = linked(world().hospital(), mrn);

        RawHttp.Response refused;
        try (Bulkhead.Admitted one = (Bulkhead.Admitted) admissions.ingest().tryEnter(new OrganisationId("adm-x"));
             Bulkhead.Admitted two = (Bulkhead.Admitted) admissions.ingest().tryEnter(new OrganisationId("adm-y"))) {
            refused = send(feed, mrn);
        }

        assertBusy(refused, "FG-0220");
        assertThat(bank.isEnrolled(resident.resident().orElseThrow())).isFalse();
        assertThat(send(feed, mrn).body()).contains("201 Created");
    }

    @Test
    void release_pastItsBound_is429AtOnce_andAnswersOnceThereIsRoom() throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");

        RawHttp.Response refused;
        try (Bulkhead.Admitted underWay = (Bulkhead.Admitted) admissions.release().tryEnter(Admissions.All.ALL)) {
            refused = http.get("/fhir/Observation/" + UUID.randomUUID(), bearer(token), "X-Azukari-Purpose: treatment");
        }

        assertBusy(refused, "FG-0730");
        RawHttp.Response answered = http.get("/fhir/Observation/" + UUID.randomUUID(), bearer(token),
                "X-Azukari-Purpose: treatment");
        assertThat(answered.status()).as(answered.body()).isEqualTo(404);
        assertThat(admissions.release().available()).isEqualTo(1);
    }

    @Test
    void exportKickOff_whileTheOrganisationRunsAsManyExportsAsItMay_is429_andOtherOrganisationsAreNotHeld()
            throws Exception {
        String token = accessToken(world().wellnessApp(), "system/Group.r");
        String kickOff = "/fhir/Group/" + UUID.randomUUID() + "/$export";

        RawHttp.Response refused;
        boolean otherAdmitted;
        try (Bulkhead.Admitted running = (Bulkhead.Admitted) admissions.exports().tryEnter(world().wellness())) {
            refused = http.get(kickOff, bearer(token), "Prefer: respond-async");
            Bulkhead.Entry other = admissions.exports().tryEnter(new OrganisationId("adm-other-service"));
            otherAdmitted = other instanceof Bulkhead.Admitted;
            if (other instanceof Bulkhead.Admitted admitted) {
                admitted.close();
            }
        }

        assertBusy(refused, "EX-0730");
        assertThat(otherAdmitted).isTrue();
        RawHttp.Response unknown = http.get(kickOff, bearer(token), "Prefer: respond-async");
        assertThat(unknown.status()).as("past admission, the unknown request is not found").isEqualTo(404);
        assertThat(admissions.exports().tryEnter(world().wellness())).as("a refused kick-off gave its permit back")
                .isInstanceOfSatisfying(Bulkhead.Admitted.class, Bulkhead.Admitted::close);
    }
}
