package org.azukari.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.azukari.consent.api.EmergencyAccess;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.Recipient;
import org.azukari.fhir.pull.PullSource;
import org.azukari.fhir.pull.PullSources;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.ClientId;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.server.CurrentLogFile;
import org.azukari.server.testing.PagesWorld;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The console's registers and queues through their forms: organisations and purposes, enrolment
 * of residents and e-residents, emergency access reviews, pull sources; bad input answered with
 * the 400 page and nothing changed; and no page showing a record, a resident id, a password or a
 * linked identifier's value, nor the log any form input.
 */
class OperatorConsoleRegistryPagesTest extends PagesWorld {

    static final List<String> PAGES = List.of("/operator", "/operator/organisations", "/operator/people",
            "/operator/datasets", "/operator/emergencies", "/operator/sources");

    @Autowired
    OrganisationRegistry registry;

    @Autowired
    PeopleRegistry registeredPeople;

    @Autowired
    EmergencyAccesses emergencies;

    @Autowired
    PullSources sources;

    @Autowired
    org.azukari.fhir.ingest.SourceWarnings ingestWarnings;

    private String operator;
    private String csrf;

    @BeforeEach
    void signInAsOperator() throws Exception {
        operator = signInAs("operator");
        csrf = csrfFromPage(operator, "/operator");
    }

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void operator_registersAnOrganisation_throughTheForm_andSeesItListedOnce_withAMessage() throws Exception {
        String id = fresh("midori");

        Page answer = submit("/operator/organisations", operator, "_csrf", csrf, "id", id, "kind", "CLINIC",
                "displayName", "みどり診療所", "purpose", "treatment", "piaPurpose", "Treatment", "piaDataItem",
                "MEDICAL", "piaRecipients", "The clinic's doctors", "piaRetention", "Five years", "piaRisks",
                "Curious staff", "piaMitigations", "Every read is logged", "piaContactName", "Clinic DPO",
                "piaContactReach", "dpo@midori.example");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.location()).endsWith("/operator/organisations/" + id);
        assertThat(registry.findOrganisation(new OrganisationId(id))).isPresent();
        Page detail = page("/operator/organisations/" + id, operator, "Accept-Language: en");
        assertThat(detail.body()).contains("Organisation " + id + " is registered.").contains("みどり診療所")
                .contains("Register a system client");
        assertThat(page("/operator/organisations/" + id + "?lang=ja", operator).body()).contains("組織：みどり診療所")
                .doesNotContain("を登録しました");
        assertThat(page("/operator/organisations", operator, "Accept-Language: en").body()).contains(id);
    }

    @Test
    void anOrganisationsPage_showsItsIngestWarningCounts_byCodeAndTypeOnly() throws Exception {
        String id = fresh("warned");
        submit("/operator/organisations", operator, "_csrf", csrf, "id", id, "kind", "HOSPITAL",
                "displayName", "Warned hospital", "purpose", "treatment");
        Page before = page("/operator/organisations/" + id, operator, "Accept-Language: en");
        assertThat(before.body()).contains("id=\"ingest-warnings\"")
                .contains("No input of this source came with a warning.");

        ingestWarnings.add(new OrganisationId(id), java.util.Map.of(
                new org.azukari.fhir.ingest.SourceWarnings.Kind("FG-0214", "Observation"), 3,
                new org.azukari.fhir.ingest.SourceWarnings.Kind("Extension_EXT_Version_Invalid", "MedicationRequest"), 1));
        Page after = page("/operator/organisations/" + id, operator, "Accept-Language: en");

        assertThat(after.body()).contains("<code>FG-0214</code>").contains("Observation").contains(">3<")
                .contains("Extension_EXT_Version_Invalid").contains("MedicationRequest")
                .doesNotContain("No input of this source came with a warning.");
        assertThat(page("/operator/organisations/" + id + "?lang=ja", operator).body()).contains("この送信元の入力に付いた警告");
    }

    @Test
    void operator_definesAPurpose_andTheCatalogueShowsItsWording() throws Exception {
        String code = fresh("research");

        Page answer = submit("/operator/organisations/purposes", operator, "_csrf", csrf, "code", code,
                "labelJa", "学術研究", "labelEn", "Academic research");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(page("/operator/organisations", operator, "Accept-Language: en").body()).contains(code)
                .contains("Academic research");
        assertThat(page("/operator/organisations?lang=ja", operator).body()).contains("学術研究");
    }

    @Test
    void operator_deactivatesAClient_fromItsOrganisationsPage() throws Exception {
        String client = "emr-" + suffix();
        Page detail = page("/operator/organisations/" + clinic(), operator, "Accept-Language: en");
        assertThat(detail.body()).contains(client).contains("Deactivate " + client);
        String before = registry.findClient(new ClientId(client)).orElseThrow().status()
                .name();

        Page off = submit("/operator/organisations/" + clinic() + "/clients/" + client + "/status", operator,
                "_csrf", csrf, "status", "INACTIVE");
        String after = registry.findClient(new ClientId(client)).orElseThrow().status().name();
        Page on = submit("/operator/organisations/" + clinic() + "/clients/" + client + "/status", operator,
                "_csrf", csrf, "status", "ACTIVE");

        assertThat(before).isEqualTo("ACTIVE");
        assertThat(off.status()).isEqualTo(302);
        assertThat(after).isEqualTo("INACTIVE");
        assertThat(on.status()).isEqualTo(302);
        assertThat(registry.findClient(new ClientId(client)).orElseThrow().isActive()).isTrue();
    }

    @Test
    void badOrganisationInput_answersTheBadInputPage_andRegistersNothing() throws Exception {
        int before = registry.organisations().size();

        List<Page> answers = List.of(
                submit("/operator/organisations", operator, "_csrf", csrf, "id", "Bad Id!", "kind", "CLINIC",
                        "displayName", "x", "purpose", "treatment"),
                submit("/operator/organisations", operator, "_csrf", csrf, "id", fresh("x"), "kind", "SPACESHIP",
                        "displayName", "x", "purpose", "treatment"),
                submit("/operator/organisations", operator, "_csrf", csrf, "id", fresh("x"), "kind", "CLINIC",
                        "displayName", "x", "purpose", "marketing", "piaPurpose", "x", "piaDataItem", "MEDICAL",
                        "piaRecipients", "x", "piaRetention", "x", "piaRisks", "x", "piaMitigations", "x",
                        "piaContactName", "x", "piaContactReach", "dpo@x.example"),
                submit("/operator/organisations", operator, "_csrf", csrf, "id", fresh("x"), "kind", "CLINIC",
                        "displayName", "x", "purpose", "treatment"),
                submit("/operator/organisations", operator, "_csrf", csrf, "id", fresh("x"), "kind", "CLINIC",
                        "displayName", "x", "purpose", "treatment", "piaPurpose", "x", "piaDataItem", "MEDICAL",
                        "piaRecipients", "x", "piaRetention", "x", "piaRisks", "x", "piaMitigations", "x",
                        "piaContactName", "x", "piaContactReach", "javascript:alert(1)"),
                submit("/operator/organisations", operator, "_csrf", csrf, "id", fresh("x"), "kind", "CLINIC"),
                submit("/operator/organisations/purposes", operator, "_csrf", csrf, "code", "Bad Code!",
                        "labelJa", "x", "labelEn", "x"),
                submit("/operator/organisations/" + clinic() + "/clients", operator, "_csrf", csrf,
                        "clientId", fresh("c"), "kind", "WELLNESS_SERVICE", "scopes", "system/Group.r",
                        "jwks", "{\"keys\":[]}"));

        for (Page answer : answers) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("id=\"error-code\"").doesNotContain("Bad Id!")
                    .doesNotContain("SPACESHIP").doesNotContain("Bad Code!").doesNotContain("javascript:");
        }
        assertThat(registry.organisations()).hasSize(before);
    }

    @Test
    void operator_enrolsAnEResident_withRemoteProofing_andSeesTheAccountListedWithHowItWasProofed()
            throws Exception {
        String username = fresh("eres-page");
        int before = registeredPeople.residents().size();

        Page answer = submit("/operator/people/residents", operator, "_csrf", csrf, "kind", "E_RESIDENT",
                "username", username, "initialPassword", PASSWORD, "assurance", "SUBSTANTIAL",
                "proofing", "MY_NUMBER_CARD_PUBLIC_AUTHENTICATION");
        Page shown = page("/operator/people", operator, "Accept-Language: en");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(registeredPeople.residents()).hasSize(before + 1);
        assertThat(shown.body()).containsPattern("E-resident enrolled: account [0-9a-f-]{36}\\.")
                .doesNotContain(PASSWORD);
        assertThat(shown.body()).contains("<legend>How identity was verified</legend>");
        String listed = shown.body().substring(shown.body().indexOf("id=\"people\""));
        assertThat(listed).contains(username).contains("E-resident")
                .contains("Substantial</span>:").contains("My Number card public authentication (JPKI)");
        registeredPeople.residents().forEach(resident -> assertThat(shown.body()).doesNotContain(resident.toString()));
    }

    @Test
    void anEResidentProofedInPerson_orAnUnknownProofing_isRefused_andNobodyIsEnrolled() throws Exception {
        int before = registeredPeople.residents().size();

        Page inPerson = submit("/operator/people/residents", operator, "_csrf", csrf, "kind", "E_RESIDENT",
                "username", fresh("eres-bad"), "initialPassword", PASSWORD, "assurance", "HIGH",
                "proofing", "IN_PERSON_AT_CITY_OFFICE");
        Page unknown = submit("/operator/people/residents", operator, "_csrf", csrf, "kind", "RESIDENT",
                "username", fresh("res-bad"), "initialPassword", PASSWORD, "assurance", "HIGH", "proofing", "GUESS");
        Page operatorKind = submit("/operator/people/residents", operator, "_csrf", csrf, "kind", "OPERATOR",
                "username", fresh("op-bad"), "initialPassword", PASSWORD, "assurance", "HIGH",
                "proofing", "IN_PERSON_AT_CITY_OFFICE");
        Page myNumber = submit("/operator/people/residents", operator, "_csrf", csrf, "kind", "RESIDENT",
                "username", "123456789012", "initialPassword", PASSWORD, "assurance", "HIGH",
                "proofing", "IN_PERSON_AT_CITY_OFFICE");

        assertThat(inPerson.status()).isEqualTo(400);
        assertThat(inPerson.body()).contains("ID-0108");
        for (Page answer : List.of(unknown, operatorKind, myNumber)) {
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("123456789012").doesNotContain(PASSWORD);
        }
        assertThat(registeredPeople.residents()).hasSize(before);
    }

    @Test
    void operator_reviewsAnEmergencyAccess_fromTheQueue_andItLeavesTheQueue() throws Exception {
        EmergencyAccess opened = emergencies.open(residentOf("resident-b"), accountOf("practitioner"),
                Recipient.organisation(clinic().value()), "unconscious on arrival, allergies unknown", Instant.now());
        Page queue = page("/operator/emergencies", operator, "Accept-Language: en");
        assertThat(queue.body()).contains(opened.id().value()).contains("Open now")
                .contains("for=\"note-" + opened.id().value() + "\"");

        Page empty = submit("/operator/emergencies/" + opened.id().value() + "/review", operator, "_csrf", csrf,
                "note", " ");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(emergencies.find(opened.id()).orElseThrow().review()).isEmpty();

        Page reviewed = submit("/operator/emergencies/" + opened.id().value() + "/review", operator, "_csrf", csrf,
                "note", "Checked with the ward: justified");

        assertThat(reviewed.status()).isEqualTo(302);
        assertThat(emergencies.find(opened.id()).orElseThrow().review()).isPresent();
        assertThat(page("/operator/emergencies?lang=ja", operator).body())
                .contains("緊急アクセス " + opened.id().value() + " を確認済みにしました。");
        assertThat(page("/operator/emergencies", operator).body()).doesNotContain("id=\"emergency-" + opened.id().value());
        Page twice = submit("/operator/emergencies/" + opened.id().value() + "/review", operator, "_csrf", csrf,
                "note", "again");
        assertThat(twice.status()).isEqualTo(409);
    }

    @Test
    void sourcesPage_showsEachSourceEnabled_andOperatorSwitchesItOff() throws Exception {
        PullSource source = sources.register(hospital(), "https://fhir-" + suffix() + ".example.org/r4",
                Optional.empty(), ValidationMode.STRICT);
        Page shown = page("/operator/sources", operator, "Accept-Language: en");
        assertThat(shown.body()).contains("https://fhir-" + suffix() + ".example.org/r4").contains("Failures in a row")
                .contains("Last error code").contains("Switch off");

        Page off = submit("/operator/sources/" + source.id() + "/enabled", operator, "_csrf", csrf, "enabled", "false");
        Page bad = submit("/operator/sources/" + source.id() + "/enabled", operator, "_csrf", csrf, "enabled", "maybe");

        assertThat(off.status()).isEqualTo(302);
        assertThat(sources.find(source.id()).orElseThrow().enabled()).isFalse();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(page("/operator/sources?lang=ja", operator).body()).contains("の取得を止めました");
        assertThat(submit("/operator/sources/" + UUID.randomUUID() + "/enabled", operator, "_csrf", csrf,
                "enabled", "true").status()).isEqualTo(404);
    }

    @Test
    void anEnrolmentLink_toAnAccountThatIsNotAResidents_answersTheBadInputPageWithItsOwnCodeOP0005() throws Exception {
        String value = "MRN-" + UUID.randomUUID();
        Page refused = submit("/operator/people/enrolment-links", operator, "_csrf", csrf,
                "account", accountOf("practitioner"), "source", hospital().value(),
                "system", "urn:oid:1.2.392.100495.20.3.51", "value", value);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("OP-0005").doesNotContain("OP-0003").doesNotContain(value);
        assertThat(registeredPeople.findResidentByEnrolment(hospital(), "urn:oid:1.2.392.100495.20.3.51", value))
                .isEmpty();
    }

    @Test
    void noConsolePage_showsARecordOrAResidentIdOrALinkedIdentifier_andTheLogHoldsNoFormInput() throws Exception {
        String value = "MRN-" + UUID.randomUUID();
        Page linked = submit("/operator/people/enrolment-links", operator, "_csrf", csrf,
                "account", accountOf("resident-a"), "source", hospital().value(), "system", "urn:oid:1.2.392.100495.20.3.51",
                "value", value);
        assertThat(linked.status()).isEqualTo(302);
        assertThat(registeredPeople.findResidentByEnrolment(hospital(), "urn:oid:1.2.392.100495.20.3.51", value))
                .contains(residentOf("resident-a"));

        for (String path : PAGES) {
            for (String language : List.of("?lang=en", "?lang=ja")) {
                Page page = page(path + language, operator);
                assertThat(page.status()).as(path).isEqualTo(200);
                assertThat(page.body()).as(path).doesNotContain(value).doesNotContain(PASSWORD)
                        .doesNotContain(residentOf("resident-a").value().toString()).doesNotContain(residentOf("resident-b").value().toString())
                        .doesNotContain("resourceType").doesNotContain("style=").doesNotContain("<script");
            }
        }
        assertThat(Files.readString(CurrentLogFile.path())).doesNotContain(value).doesNotContain(PASSWORD);
    }

    @Test
    void operator_registersAClientWithItsPublicKey_butAPastedPrivateKeyIsRefusedAndNotEchoed() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_384).keyID("k1").algorithm(JWSAlgorithm.ES384).generate();
        String publicClient = fresh("emr-page");
        String privateClient = fresh("emr-leak");

        Page registered = submit("/operator/organisations/" + clinic() + "/clients", operator, "_csrf", csrf,
                "clientId", publicClient, "kind", "CLINIC_EMR", "scopes", "system/Observation.rs system/Patient.rs",
                "jwks", new JWKSet(key.toPublicJWK()).toString());
        Page leaked = submit("/operator/organisations/" + clinic() + "/clients", operator, "_csrf", csrf,
                "clientId", privateClient, "kind", "CLINIC_EMR", "scopes", "system/Observation.rs",
                "jwks", new JWKSet(key).toString(false));

        assertThat(registered.status()).isEqualTo(302);
        assertThat(registry.findClient(new ClientId(publicClient))).isPresent();
        assertThat(page("/operator/organisations/" + clinic(), operator, "Accept-Language: en").body())
                .contains("Client " + publicClient + " is registered and active.")
                .doesNotContain(key.getX().toString());
        assertThat(leaked.status()).isEqualTo(400);
        assertThat(leaked.body()).doesNotContain(key.getD().toString());
        assertThat(registry.findClient(new ClientId(privateClient))).isEmpty();
        assertThat(Files.readString(CurrentLogFile.path())).doesNotContain(key.getD().toString());
    }
}
