package org.azukari.server.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.PersonAccount;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.release.FhirReleaseTest;
import org.junit.jupiter.api.TestInstance;
/**
 * A populated bank for the breach-scope tests (the API's and the auditor's page). Four residents'
 * records are pushed by a hospital; three consent to the world's clinic, one of them also to a
 * second clinic. The clinic's EMR (the "compromised" client) searches resident A before the window;
 * inside it searches A, B and C (then C erases everything) and is refused D (no consent); the
 * second clinic's EMR reads A inside the window; after it the compromised client searches B again.
 * The scope of the compromised client in the window is exactly A, B and C, each with the one
 * release the log holds for them and its receipt; D, the other clinic's release and the releases
 * outside the window are not in it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BreachScopeWorld extends RealIdentityWorld {

    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999997";
    private static final String TREATMENT = "X-Azukari-Purpose: treatment";
    static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    record Person(String username, PersonAccount account) {
        ResidentId resident() {
            return account.resident().orElseThrow();
        }
    }

    record Scene(List<Person> people, SystemClient compromised, SystemClient other, Instant from, Instant to) {
    }

    /**
     * One scene per test class (each its own compromised client), built once: registration is slow. The
     * class has one instance for all its tests, so the scene is that instance's.
     */
    private Scene scene;

    @Autowired
    Consents consents;

    @Autowired
    AccessLogSearch accessLog;

    @BeforeEach
    void populate() throws Exception {
        if (scene != null) {
            return;
        }
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String feed = accessToken(registerSourceFeed("bsfeed-" + suffix, world().hospital()), "system/*.cu");
        OrganisationId otherClinic = organisation("bsclinic-" + suffix, OrganisationKind.CLINIC, "treatment");
        SystemClient compromised = registerClinicEmr("bsemr-" + suffix, world().clinic());
        SystemClient other = registerClinicEmr("bsother-" + suffix, otherClinic);
        List<Person> persons = new ArrayList<>();
        for (String label : List.of("a", "b", "c", "d")) {
            String username = "bs" + label + "-" + suffix;
            Person person = new Person(username, registerResident(username));
            String mrn = "bsmrn-" + label + "-" + suffix;
            people.linkEnrolment(new EnrolmentLink(person.resident(), world().hospital(), MRN_SYSTEM, mrn));
            RawHttp.Response pushed = http.send("POST", "/fhir", "application/fhir+json",
                    FhirReleaseTest.bundleFor(mrn, "bs" + label + suffix).replace(FhirReleaseTest.MRN_SYSTEM, MRN_SYSTEM),
                    bearer(feed));
            assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
            persons.add(person);
        }
        for (int i = 0; i < 3; i++) {
            grant(persons.get(i).resident(), world().clinic());
        }
        grant(persons.get(0).resident(), otherClinic);
        List<String> pseudonyms = new ArrayList<>();
        for (Person person : persons) {
            pseudonyms.add(exchange(compromised, shareCode(person)));
        }
        String otherPseudonymOfA = exchange(other, shareCode(persons.get(0)));

        assertThat(search(compromised, pseudonyms.get(0)).status()).isEqualTo(200); // before the window
        Instant from = Instant.now();
        for (int i = 0; i < 3; i++) {
            assertThat(search(compromised, pseudonyms.get(i)).status()).isEqualTo(200);
        }
        assertThat(search(compromised, pseudonyms.get(3)).status()).as("no consent").isEqualTo(404);
        assertThat(search(other, otherPseudonymOfA).status()).isEqualTo(200);
        erase(persons.get(2));
        Instant to = Instant.now();
        assertThat(search(compromised, pseudonyms.get(1)).status()).isEqualTo(200); // after the window
        scene = new Scene(List.copyOf(persons), compromised, other, from, to);
    }

    private void grant(ResidentId resident, OrganisationId clinic) {
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        consents.grant(resident, new ConsentTerms(Recipient.organisation(clinic.value()), new Purpose("treatment"),
                        Set.of(ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                                ConsentCategory.of(DataCategory.MEDICAL, "vital-signs")),
                        ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"),
                new AccessActor("RESIDENT", "breach-test", Optional.empty(), Optional.empty()));
    }

    private String shareCode(Person person) throws IOException {
        String session = signInAs(person.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response answer = http.send("POST", "/portal/api/share-codes", "application/json", "{}",
                cookie(session), "X-CSRF-Token: " + csrf.group(1));
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).as(answer.body()).isTrue();
        return code.group(1);
    }

    private String exchange(SystemClient emr, String code) throws Exception {
        RawHttp.Response answer = http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + code + "\"}]}",
                bearer(accessToken(emr, "system/*.rs")), TREATMENT);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(answer.body());
        assertThat(id.find()).as(answer.body()).isTrue();
        return id.group(1);
    }

    private RawHttp.Response search(SystemClient emr, String pseudonym) throws Exception {
        return http.get("/fhir/Observation?patient=" + pseudonym, bearer(accessToken(emr, "system/*.rs")), TREATMENT);
    }

    private void erase(Person person) throws IOException {
        String session = signInAs(person.username(), "resident");
        Matcher csrf = CSRF_FIELD.matcher(http.get("/portal/my-data/erase", cookie(session)).body());
        assertThat(csrf.find()).isTrue();
        RawHttp.Response erased = http.postForm("/portal/my-data/erase", form("understood", "yes",
                "confirm", "erase-everything", "_csrf", csrf.group(1)), cookie(session));
        assertThat(erased.status()).isEqualTo(302);
    }

    Scene scene() {
        return scene;
    }

    String account(int i) {
        return scene().people().get(i).account().account().toString();
    }
}
