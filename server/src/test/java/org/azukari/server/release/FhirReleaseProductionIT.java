package org.azukari.server.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.Recipient;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.ShareCodes;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.SystemClients;
import org.azukari.server.testing.OnProductionServices;

/**
 * Permit, deny and withdraw end to end on the real stack: PostgreSQL, OpenBao (AppRole),
 * Elasticsearch. A hospital pushes a lab result and a diagnosis; the resident consents to
 * laboratory data only; the clinic sees the lab result and never the diagnosis; after the
 * withdrawal it sees nothing; every request is in the access log in PostgreSQL, and the receipt
 * verifies with the bank's key.
 */
@OnProductionServices
class FhirReleaseProductionIT {

    static final String MRN_SYSTEM = FhirReleaseTest.MRN_SYSTEM;
    static final String TREATMENT = "X-Azukari-Purpose: treatment";

    @LocalServerPort
    int port;

    @Autowired
    OrganisationRegistry organisations;

    @Autowired
    PeopleRegistry people;

    @Autowired
    Consents consents;

    @Autowired
    ShareCodes shareCodes;

    @Autowired
    ConsentDecisionPoint decisions;

    @Autowired
    CheckpointSigner signer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void permitDenyAndWithdraw_endToEnd_onPostgresOpenBaoAndElasticsearch() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        RawHttp http = new RawHttp(port);
        OrganisationId hospital = organisation("relhosp-" + suffix, OrganisationKind.HOSPITAL);
        OrganisationId clinic = organisation("relclin-" + suffix, OrganisationKind.CLINIC);
        RealIdentityWorld.SystemClient feed = SystemClients.register(organisations, "relfeed-" + suffix, hospital,
                PrincipalKind.SOURCE_FEED, "system/*.cu");
        RealIdentityWorld.SystemClient emr = SystemClients.register(organisations, "relemr-" + suffix, clinic,
                PrincipalKind.CLINIC_EMR, "system/*.rs");
        ResidentId resident = people.registerResident(new AccountCredentials("relres-" + suffix,
                "a long release password 1"), AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE)
                .resident().orElseThrow();
        String mrn = "MRN-" + suffix;
        people.linkEnrolment(new EnrolmentLink(resident, hospital, MRN_SYSTEM, mrn));
        RawHttp.Response pushed = http.send("POST", "/fhir", "application/fhir+json",
                FhirReleaseTest.bundleFor(mrn, "src" + suffix),
                RealIdentityWorld.bearer(SystemClients.token(http, feed, "system/*.cu")));
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.body()).doesNotContain("\"status\":\"4");

        Consent consent = grant(resident, clinic, ConsentCategory.parse("MEDICAL/laboratory"));
        ConsentDecisionPoint.Decision direct = decisions.decide(new ConsentDecisionPoint.Question(
                Recipient.organisation(clinic.value()), new Purpose("treatment"), resident,
                Set.of(ConsentCategory.parse("MEDICAL/laboratory"), ConsentCategory.parse("MEDICAL/diagnosis")),
                Instant.now()));
        assertThat(direct.permit()).as(direct.reasonCode()).isTrue();
        assertThat(direct.permitted()).containsExactly(ConsentCategory.parse("MEDICAL/laboratory"));
        String emrToken = SystemClients.token(http, emr, "system/*.rs");
        RawHttp.Response exchanged = http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\""
                        + shareCodes.issue(resident).code() + "\"}]}", RealIdentityWorld.bearer(emrToken), TREATMENT);
        assertThat(exchanged.status()).as(exchanged.body()).isEqualTo(200);
        Matcher pseudonym = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(exchanged.body());
        assertThat(pseudonym.find()).isTrue();

        RawHttp.Response observations = http.get("/fhir/Observation?patient=" + pseudonym.group(1),
                RealIdentityWorld.bearer(emrToken), TREATMENT);
        RawHttp.Response conditions = http.get("/fhir/Condition?patient=" + pseudonym.group(1),
                RealIdentityWorld.bearer(emrToken), TREATMENT);

        assertThat(observations.status()).as(() -> observations.body() + jdbc.queryForList(
                "SELECT entry_json FROM cp_access_log WHERE resident_id = ? ORDER BY sequence", String.class,
                resident.value())).isEqualTo(200);
        assertThat(observations.body()).contains("2345-7").doesNotContain("8867-4").doesNotContain(mrn)
                .doesNotContain(resident.toString()).doesNotContain("urn:azukari:source");
        assertThat(conditions.status()).isEqualTo(200);
        assertThat(conditions.body()).doesNotContain("hidden diagnosis");
        String receipt = new String(Base64.getUrlDecoder().decode(observations.header("X-Azukari-Receipt")),
                StandardCharsets.UTF_8);
        assertThat(signer.verify(receipt.getBytes(StandardCharsets.UTF_8),
                observations.header("X-Azukari-Receipt-Signature"))).isTrue();
        assertThat(observations.header("X-Azukari-Receipt-Signature")).startsWith("vault:v");
        String signature = observations.header("X-Azukari-Receipt-Signature");
        assertThat(receipt).as("the receipt names the transit key version that signed it, as its kid")
                .contains("\"signingKey\":\"" + signature.substring(0, signature.lastIndexOf(':')) + "\"");
        assertThat(FhirReleaseTest.verifiesWithPublishedKeys(http, receipt.getBytes(StandardCharsets.UTF_8),
                observations.header("X-Azukari-Receipt-Signature"))).as("verified with the transit key's published public key")
                .isTrue();
        assertThat(receipt).contains(consent.id().value());

        consents.withdraw(resident, consent.id(), "portal", actor());
        RawHttp.Response afterWithdrawal = http.get("/fhir/Observation?patient=" + pseudonym.group(1),
                RealIdentityWorld.bearer(emrToken), TREATMENT);

        assertThat(afterWithdrawal.status()).isEqualTo(404);
        String byClinic = "SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ? AND actor_id = ? AND purpose = 'treatment'"
                + " AND decision = ?";
        assertThat(jdbc.queryForObject(byClinic, Integer.class, resident.value(), emr.id().value(), "PERMIT"))
                .isGreaterThanOrEqualTo(2);
        assertThat(jdbc.queryForObject(byClinic, Integer.class, resident.value(), emr.id().value(), "DENY"))
                .isGreaterThanOrEqualTo(1);
    }

    private OrganisationId organisation(String id, OrganisationKind kind) {
        OrganisationId organisation = new OrganisationId(id);
        organisations.registerOrganisation(new Organisation(organisation, kind, "Test " + id,
                Set.of(new Purpose("treatment"))));
        return organisation;
    }

    private Consent grant(ResidentId resident, OrganisationId clinic, ConsentCategory category) {
        String text = "『診療』を目的として、『医療データ（laboratory）』を提供してよいですか？";
        return consents.grant(resident, new ConsentTerms(Recipient.organisation(clinic.value()), new Purpose("treatment"),
                Set.of(category), ConsentPeriod.from(Instant.now().minusSeconds(60))),
                ConsentEvidence.shown(text, "ja", "consent-question-1", Instant.now(), "portal"), actor());
    }

    private static AccessActor actor() {
        return new AccessActor("RESIDENT", "release-it", Optional.empty(), Optional.empty());
    }

}
