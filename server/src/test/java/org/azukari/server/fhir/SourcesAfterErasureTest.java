package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;
import org.azukari.trustbank.api.Enrolment;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The erase page promises that sources can no longer send records about the resident. Over HTTP,
 * with the real stores: after the resident erased (with records, or before any arrived), the
 * source is refused with 409 FG-0315 whatever it sends, nothing is stored, no key is made, the
 * portal shows nothing, and the refusal is in the access log; only the operator's new enrolment
 * of the person (with proofing) takes the source's records in again.
 */
class SourcesAfterErasureTest extends RealIdentityWorld {

    private static final String MRN = PatientGlucoseBundles.MRN;
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    TrustBank bank;

    @Autowired
    AccessLogSearch accessLogSearch;

    /** A resident of this test's own, linked at the world's hospital by an MRN, and a source feed of the hospital. */
    record Scene(PersonAccount account, ResidentId resident, String username, String mrn, String feedToken) {
    }

    private Scene scene(String label) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = label + "-" + suffix;
        PersonAccount account = registerResident(username);
        String mrn = "E" + suffix;
        people.linkEnrolment(new EnrolmentLink(account.resident().orElseThrow(), world().hospital(), MRN, mrn));
        SystemClient feed = registerSourceFeed("erfeed-" + suffix, world().hospital());
        return new Scene(account, account.resident().orElseThrow(), username, mrn, accessToken(feed, "system/*.cu"));
    }

    private RawHttp.Response send(Scene scene, String glucose) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(scene.mrn(), glucose),
                bearer(scene.feedToken()));
    }

    /** The resident erases everything through the portal's confirmation form. */
    private void eraseThroughThePortal(Scene scene) throws Exception {
        String session = signInAs(scene.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal/my-data/erase", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response erased = http.postForm("/portal/my-data/erase", form("understood", "yes",
                "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session));
        assertThat(erased.status()).isEqualTo(302);
    }

    private static void assertRefusedAsErased(RawHttp.Response answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(409);
        assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("FG-0315");
    }

    private List<LoggedEntry> refusals(ResidentId resident) {
        return accessLogSearch.search(AccessLogQuery.forResident(resident)).stream()
                .filter(logged -> logged.entry().action() == AccessAction.INGEST
                        && logged.entry().decision() == AccessDecision.DENY)
                .toList();
    }

    private RawHttp.Response newEnrolment(Scene scene, String proofing) throws Exception {
        String operator = signIn("operator");
        String csrf = csrfOf(operator, "/api/operator/whoami");
        return http.send("POST", "/api/operator/residents/" + scene.account().account() + "/new-enrolment",
                "application/json", "{\"assurance\":\"HIGH\",\"proofing\":\"" + proofing + "\"}", cookie(operator),
                "X-CSRF-Token: " + csrf);
    }

    @Test
    void afterErasure_theSourceIsRefused409_whateverItSends_andNothingComesBack() throws Exception {
        Scene scene = scene("erased");
        assertThat(send(scene, "101").status()).isEqualTo(200);
        assertThat(bank.list(scene.resident())).hasSize(2);

        eraseThroughThePortal(scene);

        assertRefusedAsErased(send(scene, "101")); // exactly what it sent before
        assertRefusedAsErased(send(scene, "140")); // a newer version
        assertThat(bank.enrolment(scene.resident())).isEqualTo(Enrolment.ERASED);
        assertThat(bank.list(scene.resident())).isEmpty();
        String session = signInAs(scene.username(), "resident");
        assertThat(http.get("/portal", cookie(session), "Accept-Language: en").body())
                .contains("id=\"record-total\">0<");
        assertThat(refusals(scene.resident())).hasSize(2).allSatisfy(logged -> {
            assertThat(logged.entry().reason()).isEqualTo("resident-erased");
            assertThat(logged.entry().actor().organisation()).contains(world().hospital().value());
        });
    }

    @Test
    void aResidentWhoErasedBeforeAnyRecordArrived_isRefusedToo_andNoKeyIsMade() throws Exception {
        Scene scene = scene("early");

        eraseThroughThePortal(scene);

        assertRefusedAsErased(send(scene, "99"));
        assertThat(bank.enrolment(scene.resident())).isEqualTo(Enrolment.ERASED);
        assertThat(refusals(scene.resident())).singleElement()
                .satisfies(logged -> assertThat(logged.entry().reason()).isEqualTo("resident-erased"));
    }

    @Test
    void onlyTheOperatorsNewEnrolment_withProofing_takesTheSourcesRecordsInAgain() throws Exception {
        Scene scene = scene("back");
        send(scene, "101");
        eraseThroughThePortal(scene);
        assertRefusedAsErased(send(scene, "101"));

        RawHttp.Response enrolled = newEnrolment(scene, "IN_PERSON_AT_CITY_OFFICE");

        assertThat(enrolled.status()).as(enrolled.body()).isEqualTo(201);
        assertThat(enrolled.body()).contains("\"enrolment\":\"ENROLLED\"").doesNotContain(scene.resident().toString());
        RawHttp.Response again = send(scene, "101");
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.body()).contains("201 Created");
        assertThat(bank.list(scene.resident())).hasSize(2);
        assertThat(accessLogSearch.search(AccessLogQuery.forResident(scene.resident())))
                .anySatisfy(logged -> {
                    assertThat(logged.entry().action()).isEqualTo(AccessAction.ENROL);
                    assertThat(logged.entry().reason()).isEqualTo("new-enrolment");
                });
    }

    @Test
    void theNewEnrolment_isRefused_forAResidentWhoDidNotErase_andWithoutProofing() throws Exception {
        Scene scene = scene("kept");
        send(scene, "101");

        RawHttp.Response notErased = newEnrolment(scene, "IN_PERSON_AT_CITY_OFFICE");
        eraseThroughThePortal(scene);
        String operator = signIn("operator");
        RawHttp.Response noProofing = http.send("POST", "/api/operator/residents/" + scene.account().account()
                + "/new-enrolment", "application/json", "{\"assurance\":\"HIGH\"}", cookie(operator),
                "X-CSRF-Token: " + csrfOf(operator, "/api/operator/whoami"));

        assertThat(notErased.status()).isEqualTo(409);
        assertThat(notErased.body()).contains("OP-0020");
        assertThat(noProofing.status()).isEqualTo(400);
        assertThat(noProofing.body()).contains("OP-0001");
        assertThat(bank.enrolment(scene.resident())).isEqualTo(Enrolment.ERASED);
    }
}
