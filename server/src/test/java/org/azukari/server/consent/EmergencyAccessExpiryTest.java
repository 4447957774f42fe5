package org.azukari.server.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.azukari.server.testing.BreakGlassScene.TREATMENT;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.BreakGlassScene;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Emergency access ends on time, end to end: the hospital's EMR is served until the opening's end
 * and refused from then on.
 *
 * <p>Why a configured short duration rather than a test clock: the release and the share codes
 * read {@code Clock.systemUTC()} directly, while the consent module takes a {@code Clock} bean, so
 * a moved clock would put the opening and the release on different time lines and prove nothing
 * about the running bank. {@code azukari.consent.emergency.duration} is the production setting, so
 * a context of its own with a few seconds, its own data directory and the real clock everywhere
 * exercises exactly what runs in production, and the test polls with a deadline instead of
 * sleeping.
 */
@TestPropertySource(properties = {"azukari.consent.emergency.duration=8s",
        "azukari.data-dir=./target/emergency-expiry-test-data"})
class EmergencyAccessExpiryTest extends RealIdentityWorld {

    private static final Duration DURATION = Duration.ofSeconds(8);

    record Answer(Instant sent, Instant received, int status, boolean allergy) {
    }

    @Autowired
    Consents consents;

    /**
     * The resident had consented to the hospital once and withdrew it before the emergency: the
     * refusal after the opening's end is still logged as {@code emergency-expired}, the grant that
     * ended last, not as the older withdrawal.
     */
    @Test
    void anOpening_isHonouredUntilItsEnd_andRefusedFromThenOn() throws Exception {
        BreakGlassScene scene = BreakGlassScene.build(this);
        withdrawAnEarlierConsent(scene);
        String token = accessToken(scene.emr(), "system/*.rs");
        String body = scene.open(this, "anaphylactic shock, history unknown " + UUID.randomUUID());
        Instant opened = Instant.parse(field(body, "opened"));
        Instant until = Instant.parse(field(body, "until"));
        assertThat(Duration.between(opened, until)).isEqualTo(DURATION);

        List<Answer> answers = new ArrayList<>();
        await().atMost(Duration.between(Instant.now(), until).plusSeconds(10)).pollDelay(Duration.ZERO)
                .pollInSameThread().pollInterval(Duration.ofMillis(200)).until(() -> {
                    Instant sent = Instant.now();
                    RawHttp.Response answer = http.get("/fhir/AllergyIntolerance?patient=" + scene.pseudonym(),
                            bearer(token), TREATMENT);
                    answers.add(new Answer(sent, Instant.now(), answer.status(), answer.body().contains("penicillin")));
                    return answer.status() == 404;
                });

        Answer refused = answers.get(answers.size() - 1);
        List<Answer> served = answers.subList(0, answers.size() - 1);
        assertThat(served).as("served while open").isNotEmpty()
                .allSatisfy(a -> assertThat(a.status()).isEqualTo(200))
                .allSatisfy(a -> assertThat(a.allergy()).as("the allergy released").isTrue())
                .allSatisfy(a -> assertThat(a.sent()).isBefore(until));
        // the bank decides between sending and receiving, on the same clock: served answers were
        // asked before the end, and the first refusal is the first poll answered after it
        assertThat(refused.received()).as("not refused before the end").isAfterOrEqualTo(until);
        assertThat(Duration.between(until, refused.sent())).as("refused at the first poll after the end")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(http.get("/fhir/Condition?patient=" + scene.pseudonym(), bearer(token), TREATMENT).status())
                .isEqualTo(404);
        String own = http.get("/portal/access-log", cookie(signInAs(scene.residentName(), "resident"))).body();
        assertThat(own).contains("\"reason\":\"emergency-expired\"");
    }

    private void withdrawAnEarlierConsent(BreakGlassScene scene) {
        ResidentId resident = scene.resident().resident().orElseThrow();
        AccessActor actor = new AccessActor("RESIDENT", "expiry-test", Optional.empty(), Optional.empty());
        String text = "『診療』を目的として、『医療データ（allergy）』を提供してよいですか？";
        Consent earlier = consents.grant(resident, new ConsentTerms(Recipient.organisation(scene.hospital().value()),
                new Purpose("treatment"), Set.of(ConsentCategory.of(DataCategory.MEDICAL, "allergy")),
                ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"), actor);
        consents.withdraw(resident, earlier.id(), "portal", actor);
    }

    private static String field(String body, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as(name + " in " + body).isTrue();
        return m.group(1);
    }
}
