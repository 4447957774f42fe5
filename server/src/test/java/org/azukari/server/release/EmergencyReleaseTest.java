package org.azukari.server.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.azukari.server.testing.BreakGlassScene.TREATMENT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.server.testing.RealIdentityWorld.SystemClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.azukari.server.testing.BreakGlassScene;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * Break-glass through the FHIR release, end to end and with no consent anywhere: a practitioner
 * opens emergency access over HTTP; their hospital's EMR then gets the resident's allergies and
 * conditions and nothing else, with a receipt that says emergency; the resident finds the release
 * flagged in their access log and the operators find the opening in their review queue.
 */
class EmergencyReleaseTest extends RealIdentityWorld {

    private static final Pattern ID = Pattern.compile("\"id\":\"([A-Za-z0-9_-]+)\"");

    /** Built once: registration is slow (Argon2id). */
    private static Opened opened;

    @Autowired
    CheckpointSigner signer;

    @Autowired
    Consents consents;

    @Autowired
    NeverShare neverShare;

    record Opened(BreakGlassScene scene, String openingId, String reason) {
    }

    @BeforeEach
    void openEmergencyAccess() throws Exception {
        if (opened != null) {
            return;
        }
        BreakGlassScene scene = BreakGlassScene.build(this);
        assertThat(consents.forResident(scene.resident().resident().orElseThrow()))
                .allSatisfy(c -> assertThat(c.status().name()).isNotEqualTo("ACTIVE"));
        assertThat(release(scene.emr(), "AllergyIntolerance", scene.pseudonym()).status())
                .as("nothing is released before the opening").isEqualTo(404);
        String reason = "unconscious after a fall, marker " + UUID.randomUUID();
        Matcher id = ID.matcher(scene.open(this, reason));
        assertThat(id.find()).isTrue();
        opened = new Opened(scene, id.group(1), reason);
    }

    private RawHttp.Response release(SystemClient emr, String type, String pseudonym) throws Exception {
        return http.get("/fhir/" + type + "?patient=" + pseudonym, bearer(accessToken(emr, "system/*.rs")), TREATMENT);
    }

    private static int total(RawHttp.Response answer) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(answer.body());
        assertThat(m.find()).as(answer.body()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static List<JsonNode> json(RawHttp.Response answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(new ObjectMapper().readTree(answer.body()).spliterator(), false).toList();
    }

    @Test
    void theOpeningOrganisationsEmr_getsAllergiesAndConditions_butNoLaboratoryOrPaymentData() throws Exception {
        BreakGlassScene scene = opened.scene();

        RawHttp.Response allergies = release(scene.emr(), "AllergyIntolerance", scene.pseudonym());
        RawHttp.Response conditions = release(scene.emr(), "Condition", scene.pseudonym());
        RawHttp.Response labs = release(scene.emr(), "Observation", scene.pseudonym());
        RawHttp.Response coverage = release(scene.emr(), "Coverage", scene.pseudonym());
        RawHttp.Response everything = http.get("/fhir/Patient/" + scene.pseudonym() + "/$everything",
                bearer(accessToken(scene.emr(), "system/*.rs")), TREATMENT);

        assertThat(allergies.status()).as(allergies.body()).isEqualTo(200);
        assertThat(total(allergies)).isEqualTo(1);
        assertThat(allergies.body()).contains("penicillin").contains("Patient/" + scene.pseudonym());
        assertThat(conditions.status()).as(conditions.body()).isEqualTo(200);
        assertThat(total(conditions)).isEqualTo(1);
        assertThat(conditions.body()).contains("atrial fibrillation");
        // the decision permits the opened categories, so a search of other types finds nothing released
        for (RawHttp.Response withheld : List.of(labs, coverage)) {
            assertThat(withheld.status()).as(withheld.body()).isEqualTo(200);
            assertThat(total(withheld)).isZero();
            assertThat(withheld.body()).doesNotContain("\"entry\"").doesNotContain("mg/dL")
                    .doesNotContain("\"Coverage\"");
        }
        assertThat(everything.status()).as(everything.body()).isEqualTo(200);
        assertThat(everything.body()).contains("\"AllergyIntolerance\"").contains("\"Condition\"")
                .doesNotContain("\"Observation\"").doesNotContain("\"Coverage\"").doesNotContain("2345-7");
        for (RawHttp.Response answer : List.of(allergies, conditions, labs, coverage, everything)) {
            assertThat(answer.body()).doesNotContain(scene.mrn()).doesNotContain(scene.source())
                    .doesNotContain(opened.reason());
        }
    }

    @Test
    void theReceipt_saysEmergency_namesTheOpening_andVerifiesWithTheBanksKey() throws Exception {
        RawHttp.Response allergies = release(opened.scene().emr(), "AllergyIntolerance", opened.scene().pseudonym());

        String receipt = new String(Base64.getUrlDecoder().decode(allergies.header("X-Azukari-Receipt")),
                StandardCharsets.UTF_8);
        assertThat(receipt).contains("\"emergency\":true")
                .contains("\"consents\":[{\"id\":\"" + opened.openingId() + "\",\"version\":1}]")
                .contains("\"recipient\":\"" + opened.scene().hospital().value() + "\"")
                .contains("MEDICAL/allergy").doesNotContain("laboratory");
        assertThat(signer.verify(receipt.getBytes(StandardCharsets.UTF_8),
                allergies.header("X-Azukari-Receipt-Signature"))).isTrue();
    }

    @Test
    void theResidentsAccessLog_showsTheReleaseFlaggedAsEmergency_andTheQueueListsTheOpening() throws Exception {
        BreakGlassScene scene = opened.scene();
        assertThat(release(scene.emr(), "AllergyIntolerance", scene.pseudonym()).status()).isEqualTo(200);

        List<JsonNode> own = json(http.get("/portal/access-log", cookie(signInAs(scene.residentName(), "resident"))));

        assertThat(own).filteredOn(e -> e.get("action").asText().equals("SEARCH")
                        && e.get("decision").asText().equals("PERMIT"))
                .isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.get("emergency").asBoolean()).isTrue();
                    assertThat(e.get("reason").asText()).isEqualTo("emergency-access");
                    assertThat(e.get("actorKind").asText()).isEqualTo(PrincipalKind.CLINIC_EMR.name());
                    assertThat(e.get("organisation").asText()).isEqualTo(scene.hospital().value());
                    assertThat(e.get("purpose").asText()).isEqualTo("treatment");
                })
                .anySatisfy(e -> assertThat(e.get("resourceCounts").toString()).contains("AllergyIntolerance"));
        assertThat(own).filteredOn(e -> e.get("action").asText().equals("EMERGENCY_ACCESS"))
                .anySatisfy(e -> assertThat(e.get("emergency").asBoolean()).isTrue());
        assertThat(own.toString()).doesNotContain(opened.reason());

        String operator = signIn("operator");
        List<JsonNode> queue = json(http.get("/api/operator/emergency-accesses?unreviewed=true", cookie(operator)));
        assertThat(queue).filteredOn(e -> e.get("id").asText().equals(opened.openingId())).singleElement()
                .satisfies(e -> {
                    assertThat(e.get("recipient").asText()).isEqualTo(scene.hospital().value());
                    assertThat(e.get("reason").asText()).isEqualTo(opened.reason());
                    assertThat(e.get("open").asBoolean()).isTrue();
                });
    }

    @Test
    void aNeverShareMark_holdsUnderEmergencyAccess_theMarkedDiagnosisIsWithheld_theAllergyStillComes() throws Exception {
        BreakGlassScene scene = opened.scene();
        ResidentId resident = scene.resident().resident().orElseThrow();
        ConsentCategory diagnosis = ConsentCategory.of(DataCategory.MEDICAL, "diagnosis");
        AccessActor actor = new AccessActor("RESIDENT", "emergency-test", java.util.Optional.empty(),
                java.util.Optional.empty());
        neverShare.mark(resident, diagnosis, actor);
        try {
            RawHttp.Response conditions = release(scene.emr(), "Condition", scene.pseudonym());
            RawHttp.Response allergies = release(scene.emr(), "AllergyIntolerance", scene.pseudonym());
            RawHttp.Response everything = http.get("/fhir/Patient/" + scene.pseudonym() + "/$everything",
                    bearer(accessToken(scene.emr(), "system/*.rs")), TREATMENT);

            assertThat(conditions.status()).as(conditions.body()).isEqualTo(200);
            assertThat(total(conditions)).isZero();
            assertThat(conditions.body()).doesNotContain("atrial fibrillation");
            assertThat(total(allergies)).isEqualTo(1);
            assertThat(allergies.body()).contains("penicillin");
            assertThat(everything.body()).contains("\"AllergyIntolerance\"").doesNotContain("\"Condition\"")
                    .doesNotContain("atrial fibrillation");
            String receipt = new String(Base64.getUrlDecoder().decode(everything.header("X-Azukari-Receipt")),
                    StandardCharsets.UTF_8);
            assertThat(receipt).contains("\"emergency\":true").contains("MEDICAL/allergy")
                    .doesNotContain("MEDICAL/diagnosis");
        } finally {
            neverShare.clear(resident, diagnosis, actor);
        }
    }

    @Test
    void theResidentsActivityPage_countsTheOpeningOnce_notEachReleaseUnderIt() throws Exception {
        BreakGlassScene scene = opened.scene();
        for (String type : List.of("AllergyIntolerance", "Condition", "AllergyIntolerance")) {
            assertThat(release(scene.emr(), type, scene.pseudonym()).status()).isEqualTo(200);
        }

        String activity = http.get("/portal/activity", cookie(signInAs(scene.residentName(), "resident")),
                "Accept-Language: en").body();

        assertThat(activity).contains("id=\"emergencies-this-month\">1<");
    }

    @Test
    void anotherOrganisationsEmr_getsNothing_fromSomeoneElsesOpening() throws Exception {
        SystemClient otherEmr = registerClinicEmr("bgother-" + UUID.randomUUID().toString().substring(0, 8),
                world().clinic());
        String theirPseudonym = BreakGlassScene.exchange(this, otherEmr,
                BreakGlassScene.shareCode(this, opened.scene().residentName()));

        for (String type : List.of("AllergyIntolerance", "Condition")) {
            RawHttp.Response answer = release(otherEmr, type, theirPseudonym);
            assertThat(answer.status()).as(type + " " + answer.body()).isEqualTo(404);
            assertThat(answer.body()).doesNotContain("penicillin").doesNotContain("atrial fibrillation");
        }
    }
}
