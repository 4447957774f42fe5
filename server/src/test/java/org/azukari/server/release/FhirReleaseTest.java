package org.azukari.server.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.Receipts;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.Consent;
import org.azukari.consent.api.ConsentEvidence;
import org.azukari.consent.api.ConsentPeriod;
import org.azukari.consent.api.ConsentTerms;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.Recipient;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.UnreadableRecords;

/**
 * Consented release to clinics, end to end: records pushed through the real ingest, a resident's
 * share code exchanged by two clinics' EMRs, reads and searches decided by a test table of
 * consents granted and withdrawn through the real consent store and decision point, every response scanned for what must never leave.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class FhirReleaseTest extends RealIdentityWorld {

    public static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.19999999999";
    public static final String TREATMENT = "X-Azukari-Purpose: treatment";

    /** Every response body this class received, scanned at the end. */
    private final List<String> bodies = new ArrayList<>();
    /** What no response may quote: resident ids, MRNs, source ids, bank record ids. */
    private final List<String> never = new ArrayList<>();

    /** Made by the first test that runs, shared by the others (one instance for the class). */
    private Setup setup;

    record Setup(SystemClient emr1, SystemClient emr2, OrganisationId clinic2, String p1, String p2,
                 String mrnA, String sourceSuffix) {
    }

    @Autowired
    TrustBank bank;

    @Autowired
    Consents consents;

    @Autowired
    NeverShare neverShare;

    /** The consent clinic 1 holds now (the paging test withdraws and grants it again). */
    private volatile Consent clinic1Consent;

    Consent grant(ResidentId resident, OrganisationId clinic, ConsentCategory... categories) {
        String text = "『診療』を目的として、『医療データ』を提供してよいですか？";
        ConsentEvidence evidence = new ConsentEvidence(text, "ja", "consent-question-1", Receipts.sha256Hex(
                text.getBytes(StandardCharsets.UTF_8)), java.time.Instant.now(), "portal");
        return consents.grant(resident, new ConsentTerms(Recipient.organisation(clinic.value()), new Purpose("treatment"),
                Set.of(categories), ConsentPeriod.from(java.time.Instant.now().minusSeconds(60))), evidence,
                new AccessActor("RESIDENT", "release-test", Optional.empty(), Optional.empty()));
    }

    void withdraw(ResidentId resident, Consent consent) {
        consents.withdraw(resident, consent.id(), "portal",
                new AccessActor("RESIDENT", "release-test", Optional.empty(), Optional.empty()));
    }

    @Autowired
    CheckpointSigner signer;

    @Autowired
    DataSource dataSource;

    @Autowired
    org.azukari.fhir.release.Release.Introductions introductions;

    /** The e-resident: no other test class pushes records for them, so counts here are exact. */
    ResidentId residentA() {
        return world().people().get("e-resident").resident().orElseThrow();
    }

    ResidentId residentB() {
        return world().people().get("resident-b").resident().orElseThrow();
    }

    @BeforeEach
    void pushAndIntroduce() throws Exception {
        if (setup != null) {
            return;
        }
        String suffix = world().suffix();
        String mrnA = "rel-a-" + suffix;
        String mrnB = "rel-b-" + suffix;
        people.linkEnrolment(new EnrolmentLink(residentA(), world().hospital(), MRN_SYSTEM, mrnA));
        people.linkEnrolment(new EnrolmentLink(residentB(), world().hospital(), MRN_SYSTEM, mrnB));
        SystemClient feed = registerSourceFeed("relfeed-" + suffix, world().hospital());
        String feedToken = accessToken(feed, "system/*.cu");
        String src = "src" + suffix;
        RawHttp.Response a = http.send("POST", "/fhir", "application/fhir+json", bundleFor(mrnA, src + "a"),
                bearer(feedToken));
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.body()).as("every entry stored").doesNotContain("\"status\":\"4");
        RawHttp.Response b = http.send("POST", "/fhir", "application/fhir+json", bundleFor(mrnB, src + "b"),
                bearer(feedToken));
        assertThat(b.status()).as(b.body()).isEqualTo(200);

        OrganisationId clinic2 = new OrganisationId("clinic2-" + suffix);
        organisations.registerOrganisation(new Organisation(clinic2, OrganisationKind.CLINIC, "Test clinic 2",
                Set.of(new Purpose("treatment"))));
        SystemClient emr1 = registerClinicEmr("relemr1-" + suffix, world().clinic());
        SystemClient emr2 = registerClinicEmr("relemr2-" + suffix, clinic2);
        clinic1Consent = grant(residentA(), world().clinic(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                ConsentCategory.of(DataCategory.MEDICAL, "vital-signs"));
        String p1 = exchange(emr1, shareCode("e-resident"));
        String p2 = exchange(emr2, shareCode("e-resident"));
        setup = new Setup(emr1, emr2, clinic2, p1, p2, mrnA, src);
        never.addAll(List.of(residentA().toString(), residentB().toString(), mrnA, mrnB, src, "urn:azukari:source"));
        bank.list(residentA()).forEach(record -> never.add(record.id().value()));
    }

    /** Patient, directory Organization and Practitioner, a lab and a vital-signs Observation, a Condition. */
    public static String bundleFor(String mrn, String src) {
        String obs = "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\",\"category\":[{\"coding\":[{"
                + "\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"%s\"}]}],"
                + "\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"%s\"}]},\"subject\":{\"reference\":"
                + "\"Patient/%s-pat\"},\"effectiveDateTime\":\"%s\",\"performer\":[{\"reference\":\"Practitioner/%s-doc\"}],"
                + "\"valueQuantity\":{\"value\":%s,\"unit\":\"mg/dL\"}%s}";
        return "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + entry("Organization", src + "-org", "{\"resourceType\":\"Organization\",\"id\":\"" + src
                + "-org\",\"name\":\"Hospital\"}") + ","
                + entry("Practitioner", src + "-doc", "{\"resourceType\":\"Practitioner\",\"id\":\"" + src
                + "-doc\",\"name\":[{\"family\":\"Doctor\"}]}") + ","
                + entry("Patient", src + "-pat", "{\"resourceType\":\"Patient\",\"id\":\"" + src + "-pat\",\"identifier\":[{"
                + "\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"},{\"system\":\"urn:x:mynumber\",\"value\":"
                + "\"123456789012\"}],\"name\":[{\"family\":\"Yamada\"}],\"gender\":\"female\",\"birthDate\":\"1970-01-01\","
                + "\"text\":{\"status\":\"generated\",\"div\":\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">MRN " + mrn
                + "</div>\"}}") + ","
                + entry("Observation", src + "-vit", obs.formatted(src + "-vit", "vital-signs", "8867-4", src,
                "2024-02-01T09:00:00+09:00", src, "70", "")) + ","
                + entry("Observation", src + "-lab", obs.formatted(src + "-lab", "laboratory", "2345-7", src,
                "2024-01-10T09:00:00+09:00", src, "95",
                ",\"identifier\":[{\"system\":\"urn:x:accession\",\"value\":\"" + src + "-acc\"}],"
                + "\"hasMember\":[{\"reference\":\"Observation/" + src + "-vit\"}]")) + ","
                + entry("Condition", src + "-dx", "{\"resourceType\":\"Condition\",\"id\":\"" + src + "-dx\",\"subject\":{"
                + "\"reference\":\"Patient/" + src + "-pat\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\","
                + "\"code\":\"44054006\"}],\"text\":\"hidden diagnosis\"},\"evidence\":[{\"detail\":[{\"reference\":"
                + "\"Observation/" + src + "-lab\"}]}]}")
                + "]}";
    }

    public static String entry(String type, String id, String resource) {
        return "{\"resource\":" + resource + ",\"request\":{\"method\":\"PUT\",\"url\":\"" + type + "/" + id + "\"}}";
    }

    String shareCode(String who) throws IOException {
        return shareCodeOf(signIn(who));
    }

    /** A share code of the resident signed in with {@code session}. */
    String shareCodeOf(String session) throws IOException {
        RawHttp.Response portal = http.get("/portal", cookie(session));
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(portal.body());
        assertThat(csrf.find()).as(portal.body()).isTrue();
        RawHttp.Response answer = http.send("POST", "/portal/api/share-codes", "application/json", "{}",
                cookie(session), "X-CSRF-Token: " + csrf.group(1));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z0-9]+)\"").matcher(answer.body());
        assertThat(code.find()).isTrue();
        return code.group(1);
    }

    RawHttp.Response exchangeRaw(SystemClient emr, String code) throws Exception {
        return record(http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + code + "\"}]}",
                bearer(token(emr)), TREATMENT));
    }

    String exchange(SystemClient emr, String code) throws Exception {
        RawHttp.Response answer = exchangeRaw(emr, code);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([a-z2-7]{26})\"").matcher(answer.body());
        assertThat(id.find()).as(answer.body()).isTrue();
        return id.group(1);
    }

    String token(SystemClient emr) throws Exception {
        return accessToken(emr, "system/*.rs");
    }

    RawHttp.Response get(SystemClient emr, String path, String... extra) throws Exception {
        List<String> headers = new ArrayList<>(List.of(bearer(token(emr))));
        headers.addAll(List.of(extra));
        return record(http.get(path, headers.toArray(String[]::new)));
    }

    RawHttp.Response record(RawHttp.Response response) {
        synchronized (bodies) {
            bodies.add(response.body());
        }
        return response;
    }

    static int total(String body) {
        Matcher m = Pattern.compile("\"total\"\\s*:\\s*(\\d+)").matcher(body);
        assertThat(m.find()).as(body).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void pseudonyms_areStableForOneClinic_andDifferBetweenClinics() throws Exception {
        assertThat(setup.p1()).isNotEqualTo(setup.p2());
        assertThat(exchange(setup.emr1(), shareCode("e-resident"))).isEqualTo(setup.p1());
    }

    @Test
    void aShareCode_isUsedOnce_andUnknownCodesGetTheSameAnswer() throws Exception {
        String code = shareCode("e-resident");
        assertThat(exchangeRaw(setup.emr1(), code).status()).isEqualTo(200);
        RawHttp.Response again = exchangeRaw(setup.emr1(), code);
        RawHttp.Response unknown = exchangeRaw(setup.emr1(), "ABCDEFGHJK");
        assertThat(again.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(again.body()).contains("FG-0711");
    }

    @Test
    void exchangeWithoutConsent_filesAConsentRequest() {
        assertThat(consents.pendingRequests(residentA()))
                .anyMatch(c -> c.terms().recipient().organisation().equals(setup.clinic2().value()));
    }

    @Test
    void search_withConsent_releasesOnlyConsentedRecords_withPseudonymousReferences() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(), TREATMENT);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(total(answer.body())).isEqualTo(2);
        assertThat(answer.body()).contains("Patient/" + setup.p1()).contains("\"Practitioner\"")
                .doesNotContain(setup.p2());
        RawHttp.Response conditions = get(setup.emr1(), "/fhir/Condition?patient=" + setup.p1(), TREATMENT);
        assertThat(conditions.status()).isEqualTo(200);
        assertThat(total(conditions.body())).isZero();
        assertThat(conditions.body()).doesNotContain("hidden diagnosis");
    }

    @Test
    void readPatient_answersDemographicsUnderThePseudonym_withoutIdentifiers() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), "/fhir/Patient/" + setup.p1(), TREATMENT);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains(setup.p1()).contains("Yamada").doesNotContain("identifier")
                .doesNotContain("123456789012");
    }

    @Test
    void everything_releasesPatientAndConsentedRecordsOnly() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), "/fhir/Patient/" + setup.p1() + "/$everything", TREATMENT);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("\"Observation\"").doesNotContain("\"Condition\"");
    }

    @Test
    void aClinicWithoutConsent_getsNotFound_andTheDenialIsLogged() throws Exception {
        RawHttp.Response answer = get(setup.emr2(), "/fhir/Observation?patient=" + setup.p2(), TREATMENT);

        assertThat(answer.status()).as(answer.body()).isEqualTo(404);
        assertThat(answer.body()).contains("OperationOutcome").contains("FG-0704");
        Integer denials = new JdbcTemplate(dataSource).queryForObject(
                "SELECT COUNT(*) FROM cp_access_log WHERE decision = 'DENY'", Integer.class);
        assertThat(denials).isPositive();
    }

    @Test
    void anotherClinicsPseudonym_anUnknownOne_andAnUnreleasedRecord_areAllNotFound() throws Exception {
        assertThat(get(setup.emr1(), "/fhir/Observation?patient=" + setup.p2(), TREATMENT).status()).isEqualTo(404);
        assertThat(get(setup.emr1(), "/fhir/Patient/" + "a".repeat(26), TREATMENT).status()).isEqualTo(404);
        String conditionId = bank.list(residentA()).stream().filter(r -> r.type().value().equals("Condition"))
                .findFirst().orElseThrow().id().value();
        assertThat(get(setup.emr1(), "/fhir/Condition/" + conditionId, TREATMENT).status()).isEqualTo(404);
        String observationB = bank.list(residentB()).stream().filter(r -> r.type().value().equals("Observation"))
                .findFirst().orElseThrow().id().value();
        assertThat(get(setup.emr1(), "/fhir/Observation/" + observationB, TREATMENT).status()).isEqualTo(404);
    }

    @Test
    void summaryCount_countsOnlyWhatIsReleased() throws Exception {
        Consent clinic2 = grant(residentA(), setup.clinic2(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"));
        try {
            RawHttp.Response answer = get(setup.emr2(), "/fhir/Observation?patient=" + setup.p2() + "&_summary=count",
                    TREATMENT);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(total(answer.body())).isEqualTo(1);
            assertThat(answer.body()).doesNotContain("\"entry\"");
        } finally {
            withdraw(residentA(), clinic2);
        }
    }

    static String receipt(RawHttp.Response answer) {
        return new String(Base64.getUrlDecoder().decode(answer.header("X-Azukari-Receipt")), StandardCharsets.UTF_8);
    }

    /**
     * The resident consents clinic 2 all medical data but marks laboratory results never to be
     * shared: every path withholds the laboratory Observation (read, search, count, _include,
     * _revinclude, _has, $everything) while the vital signs and the diagnosis still come, and no
     * receipt lists MEDICAL/laboratory.
     */
    @Test
    void aNeverShareMarkOnLaboratory_underAWholeMedicalConsent_withholdsTheLabOnEveryPath_andReleasesTheRest()
            throws Exception {
        ConsentCategory laboratory = ConsentCategory.of(DataCategory.MEDICAL, "laboratory");
        AccessActor resident = new AccessActor("RESIDENT", "release-test", Optional.empty(), Optional.empty());
        Consent clinic2 = grant(residentA(), setup.clinic2(), ConsentCategory.all(DataCategory.MEDICAL));
        String p2 = setup.p2();
        try {
            List<String> labs = ids(get(setup.emr2(), "/fhir/Observation?patient=" + p2 + "&code=2345-7", TREATMENT)
                    .body(), "Observation");
            assertThat(labs).as("released to clinic 2 before the mark").hasSize(1);
            neverShare.mark(residentA(), laboratory, resident);

            RawHttp.Response search = get(setup.emr2(), "/fhir/Observation?patient=" + p2, TREATMENT);
            assertThat(search.status()).as(search.body()).isEqualTo(200);
            assertThat(total(search.body())).isEqualTo(1);
            assertThat(search.body()).contains("8867-4").doesNotContain("2345-7");
            assertThat(receipt(search)).contains("MEDICAL/vital-signs").doesNotContain("MEDICAL/laboratory");
            assertThat(total(get(setup.emr2(), "/fhir/Observation?patient=" + p2 + "&_summary=count", TREATMENT)
                    .body())).isEqualTo(1);
            assertThat(get(setup.emr2(), "/fhir/Observation/" + labs.get(0), TREATMENT).status()).isEqualTo(404);

            RawHttp.Response conditions = get(setup.emr2(), "/fhir/Condition?patient=" + p2
                    + "&_include=Condition:evidence-detail", TREATMENT);
            assertThat(conditions.status()).as(conditions.body()).isEqualTo(200);
            assertThat(total(conditions.body())).as("the diagnosis is not laboratory data").isEqualTo(1);
            assertThat(conditions.body()).contains("44054006").doesNotContain("2345-7");
            assertThat(ids(conditions.body(), "Observation")).as("the cited lab is not included").isEmpty();
            RawHttp.Response citers = get(setup.emr2(), "/fhir/Observation?patient=" + p2
                    + "&code=8867-4&_revinclude=Observation:has-member", TREATMENT);
            assertThat(ids(citers.body(), "Observation")).as("the citing lab is not revincluded").hasSize(1);
            assertThat(citers.body()).doesNotContain("2345-7");
            assertThat(total(get(setup.emr2(), "/fhir/Observation?patient=" + p2
                    + "&_has:Observation:has-member:code=2345-7", TREATMENT).body())).isZero();

            RawHttp.Response everything = get(setup.emr2(), "/fhir/Patient/" + p2 + "/$everything", TREATMENT);
            assertThat(everything.status()).as(everything.body()).isEqualTo(200);
            assertThat(everything.body()).contains("8867-4").contains("44054006").doesNotContain("2345-7");
            assertThat(total(everything.body())).as("Patient, vital signs, diagnosis").isEqualTo(3);
            assertThat(receipt(everything)).contains("MEDICAL/diagnosis").doesNotContain("MEDICAL/laboratory");
            assertThat(get(setup.emr2(), "/fhir/Patient/" + p2, TREATMENT).status()).isEqualTo(200);
        } finally {
            neverShare.clear(residentA(), laboratory, resident);
            withdraw(residentA(), clinic2);
        }
    }

    @Test
    void paging_reappliesTheDecisionOnEveryPage() throws Exception {
        RawHttp.Response first = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1() + "&_count=1", TREATMENT);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        Matcher next = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"[^\"]*(/fhir/[^\"]+)\"")
                .matcher(first.body());
        assertThat(next.find()).as(first.body()).isTrue();
        RawHttp.Response second = get(setup.emr1(), next.group(1), TREATMENT);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.body()).contains("\"Observation\"");

        assertThat(afterClinic1Withdraws(next.group(1)).status()).isEqualTo(404);
    }

    /** Asks for {@code path} as clinic 1 while its consent is withdrawn, then grants it again. */
    RawHttp.Response afterClinic1Withdraws(String path) throws Exception {
        withdraw(residentA(), clinic1Consent);
        try {
            return get(setup.emr1(), path, TREATMENT);
        } finally {
            clinic1Consent = grant(residentA(), world().clinic(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                    ConsentCategory.of(DataCategory.MEDICAL, "vital-signs"));
        }
    }

    @Test
    void aReceipt_verifiesWithTheBanksKey_andHashesTheBody() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(), TREATMENT);

        String json = new String(Base64.getUrlDecoder().decode(answer.header("X-Azukari-Receipt")), StandardCharsets.UTF_8);
        String signature = answer.header("X-Azukari-Receipt-Signature");
        assertThat(signer.verify(json.getBytes(StandardCharsets.UTF_8), signature)).isTrue();
        assertThat(signer.verify((json + " ").getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(json).contains("\"bodySha256\":\"" + Receipts.sha256Hex(answer.body().getBytes(StandardCharsets.UTF_8)))
                .contains("\"consents\":[{\"id\":\"" + clinic1Consent.id().value() + "\",\"version\":1}]").contains("\"purpose\":\"treatment\"")
                .contains("\"recipient\":\"" + world().clinic().value() + "\"").contains("MEDICAL/laboratory");
    }

    /**
     * Verifies a receipt as an outsider would: the key the receipt names ({@code signingKey}) looked
     * up by its {@code kid} in the published JWK set, plain JCA, nothing of the bank's.
     */
    public static boolean verifiesWithPublishedKeys(RawHttp http, byte[] receipt, String signature) throws Exception {
        RawHttp.Response published = http.get("/.well-known/azukari-receipt-keys");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        com.nimbusds.jose.jwk.JWKSet keys = com.nimbusds.jose.jwk.JWKSet.parse(published.body());
        keys.getKeys().forEach(jwk -> assertThat(jwk.isPrivate()).isFalse());
        Matcher named = Pattern.compile("\"signingKey\":\"([^\"]+)\"")
                .matcher(new String(receipt, StandardCharsets.UTF_8));
        com.nimbusds.jose.jwk.JWK key = named.find() ? keys.getKeyByKeyId(named.group(1)) : null;
        if (key == null || !signature.startsWith(key.getKeyID() + ":")) {
            return false;
        }
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.toECKey().toECPublicKey());
        verifier.update(receipt);
        return verifier.verify(Base64.getDecoder().decode(signature.substring(key.getKeyID().length() + 1)));
    }

    @Test
    void aReceipt_verifiesWithThePublishedPublicKey_byAnyone() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(), TREATMENT);
        byte[] receipt = Base64.getUrlDecoder().decode(answer.header("X-Azukari-Receipt"));
        String signature = answer.header("X-Azukari-Receipt-Signature");

        assertThat(verifiesWithPublishedKeys(http, receipt, signature)).isTrue();
        receipt[receipt.length / 2] ^= 1;
        assertThat(verifiesWithPublishedKeys(http, receipt, signature)).isFalse();
    }

    @Test
    void theResident_findsEveryReceiptOfTheirData_signedByTheBank_alsoFromTheAccessLog_andNobodyElseSeesThem() throws Exception {
        RawHttp.Response released = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(), TREATMENT);
        String issued = new String(Base64.getUrlDecoder().decode(released.header("X-Azukari-Receipt")),
                StandardCharsets.UTF_8);

        RawHttp.Response own = http.get("/portal/api/receipts", cookie(signIn("e-resident")));
        RawHttp.Response other = http.get("/portal/api/receipts", cookie(signIn("resident-b")));

        assertThat(own.status()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode receipts = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(own.body());
        assertThat(receipts).anySatisfy(receipt -> {
            assertThat(receipt.get("receipt").asText()).isEqualTo(issued);
            assertThat(signer.verify(issued.getBytes(StandardCharsets.UTF_8), receipt.get("signature").asText())).isTrue();
        });
        assertThat(other.body()).doesNotContain(issued.substring(issued.indexOf("receiptId"), issued.indexOf("receiptId") + 40));
        String receiptId = new com.fasterxml.jackson.databind.ObjectMapper().readTree(issued).get("receiptId").asText();
        com.fasterxml.jackson.databind.JsonNode log = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(http.get("/portal/access-log", cookie(signIn("e-resident"))).body());
        assertThat(log).as("the release's access-log entry names its receipt")
                .anySatisfy(entry -> assertThat(entry.path("receipt").asText()).isEqualTo(receiptId));
    }

    @Test
    void aRequestWithoutPurpose_aMalformedOne_orOneNotRegisteredForTheClinic_isRefused() throws Exception {
        RawHttp.Response none = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1());
        RawHttp.Response bad = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(), "X-Azukari-Purpose: Bad Code!");
        RawHttp.Response unregistered = get(setup.emr1(), "/fhir/Observation?patient=" + setup.p1(),
                "X-Azukari-Purpose: research");

        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).contains("FG-0708");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(unregistered.status()).isEqualTo(403);
        assertThat(unregistered.body()).contains("FG-0715").doesNotContain("\"Observation\"");
    }

    static List<String> ids(String body, String type) {
        Matcher m = Pattern.compile("\"resourceType\"\\s*:\\s*\"" + type + "\"\\s*,\\s*\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    String observations(String extra) {
        return "/fhir/Observation?patient=" + setup.p1() + extra;
    }

    @Test
    void dateSearch_narrowsByTheClinicalTime_ofAChoiceElementToo() throws Exception {
        RawHttp.Response after = get(setup.emr1(), observations("&date=ge2024-01-15"), TREATMENT);
        RawHttp.Response inJanuary = get(setup.emr1(), observations("&date=2024-01"), TREATMENT);

        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(total(after.body())).isEqualTo(1);
        assertThat(after.body()).contains("8867-4");
        assertThat(total(inJanuary.body())).isEqualTo(1);
        assertThat(inJanuary.body()).contains("2345-7");
    }

    @Test
    void include_andRevinclude_addOnlyReleasedRecords_outsideTheTotal() throws Exception {
        RawHttp.Response included = get(setup.emr1(), observations("&code=2345-7&_include=Observation:has-member"),
                TREATMENT);
        RawHttp.Response revincluded = get(setup.emr1(), observations("&code=8867-4&_revinclude=Observation:has-member"),
                TREATMENT);
        RawHttp.Response hiddenCiter = get(setup.emr1(), observations("&code=2345-7&_revinclude=Condition:evidence-detail"),
                TREATMENT);

        assertThat(included.status()).as(included.body()).isEqualTo(200);
        assertThat(total(included.body())).isEqualTo(1);
        assertThat(ids(included.body(), "Observation")).hasSize(2);
        assertThat(included.body()).contains("\"mode\":\"include\"");
        assertThat(total(revincluded.body())).isEqualTo(1);
        assertThat(ids(revincluded.body(), "Observation")).hasSize(2);
        assertThat(hiddenCiter.status()).isEqualTo(200);
        assertThat(hiddenCiter.body()).doesNotContain("\"Condition\"").doesNotContain("hidden diagnosis");
    }

    @Test
    void has_narrowsByReleasedCitersOnly_soAWithheldRecordChangesNothing() throws Exception {
        RawHttp.Response citedByLab = get(setup.emr1(), observations("&_has:Observation:has-member:code=2345-7"),
                TREATMENT);
        RawHttp.Response citedByHiddenCondition = get(setup.emr1(),
                observations("&_has:Condition:evidence-detail:code=44054006"), TREATMENT);
        RawHttp.Response citedByNothing = get(setup.emr1(), observations("&_has:Observation:has-member:code=0000-0"),
                TREATMENT);

        assertThat(citedByLab.status()).as(citedByLab.body()).isEqualTo(200);
        assertThat(total(citedByLab.body())).isEqualTo(1);
        assertThat(citedByLab.body()).contains("8867-4").doesNotContain("\"2345-7\"");
        assertThat(citedByHiddenCondition.status()).isEqualTo(200);
        assertThat(total(citedByHiddenCondition.body())).isEqualTo(total(citedByNothing.body())).isZero();
    }

    @Test
    void elements_subsetsTheMatches_andMarksThemSubsetted() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), observations("&_elements=code,status"), TREATMENT);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(total(answer.body())).isEqualTo(2);
        assertThat(answer.body()).contains("\"code\"").contains("SUBSETTED").doesNotContain("valueQuantity")
                .doesNotContain("effectiveDateTime");
    }

    @Test
    void unsupportedShapes_areRefusedWith400() throws Exception {
        for (String extra : List.of("&_include:iterate=Observation:has-member", "&_include=Condition:subject",
                "&_include=Observation:code", "&_has:Observation:has-member:status=final", "&_elements=nonsense",
                "&_sort=date", "&code:text=x")) {
            RawHttp.Response answer = get(setup.emr1(), observations(extra), TREATMENT);
            assertThat(answer.status()).as(extra + " " + answer.body()).isEqualTo(400);
            assertThat(answer.body()).contains("OperationOutcome");
        }
    }

    @Test
    void recordIds_areTheClinicsOwn_differBetweenClinics_andTheBanksIdsAreNotFound() throws Exception {
        Consent clinic2 = grant(residentA(), setup.clinic2(), ConsentCategory.of(DataCategory.MEDICAL, "laboratory"),
                ConsentCategory.of(DataCategory.MEDICAL, "vital-signs"));
        try {
            List<String> seenBy1 = ids(get(setup.emr1(), observations(""), TREATMENT).body(), "Observation");
            List<String> seenBy2 = ids(get(setup.emr2(), "/fhir/Observation?patient=" + setup.p2(), TREATMENT).body(),
                    "Observation");
            String bankId = bank.list(residentA()).stream().filter(r -> r.type().value().equals("Observation"))
                    .findFirst().orElseThrow().id().value();

            assertThat(seenBy1).hasSize(2).doesNotContainAnyElementsOf(seenBy2).doesNotContain(bankId);
            assertThat(seenBy2).hasSize(2);
            assertThat(get(setup.emr1(), "/fhir/Observation/" + seenBy1.get(0), TREATMENT).status()).isEqualTo(200);
            assertThat(get(setup.emr2(), "/fhir/Observation/" + seenBy1.get(0), TREATMENT).status()).isEqualTo(404);
            assertThat(get(setup.emr1(), "/fhir/Observation/" + bankId, TREATMENT).status()).isEqualTo(404);
        } finally {
            withdraw(residentA(), clinic2);
        }
    }

    @Test
    void history_isTheOneVersionTheBankKeeps_andOtherVersionsAreNotFound() throws Exception {
        String id = ids(get(setup.emr1(), observations("&code=2345-7"), TREATMENT).body(), "Observation").get(0);

        RawHttp.Response history = get(setup.emr1(), "/fhir/Observation/" + id + "/_history", TREATMENT);
        RawHttp.Response current = get(setup.emr1(), "/fhir/Observation/" + id + "/_history/1", TREATMENT);
        RawHttp.Response other = get(setup.emr1(), "/fhir/Observation/" + id + "/_history/2", TREATMENT);
        RawHttp.Response withheld = get(setup.emr2(), "/fhir/Observation/" + id + "/_history", TREATMENT);

        assertThat(history.status()).as(history.body()).isEqualTo(200);
        assertThat(history.body()).contains("\"type\":\"history\"").contains(id);
        assertThat(history.header("X-Azukari-Receipt")).isNotBlank();
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        assertThat(other.status()).isEqualTo(404);
        assertThat(withheld.status()).isEqualTo(404);
    }

    @Test
    void everything_isPaged_andEveryPageAsksTheDecisionAgain() throws Exception {
        RawHttp.Response first = get(setup.emr1(), "/fhir/Patient/" + setup.p1() + "/$everything?_count=1", TREATMENT);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(total(first.body())).isEqualTo(3);
        assertThat(ids(first.body(), "Patient")).containsExactly(setup.p1());
        assertThat(ids(first.body(), "Observation")).hasSize(1);
        Matcher next = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"[^\"]*(/fhir/[^\"]+)\"")
                .matcher(first.body());
        assertThat(next.find()).as(first.body()).isTrue();

        RawHttp.Response second = get(setup.emr1(), next.group(1), TREATMENT);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(ids(second.body(), "Patient")).isEmpty();
        assertThat(ids(second.body(), "Observation")).hasSize(1).doesNotContainAnyElementsOf(ids(first.body(), "Observation"));
        assertThat(get(setup.emr2(), next.group(1), TREATMENT).status()).isEqualTo(400);
        RawHttp.Response conditionsOnly = get(setup.emr1(), "/fhir/Patient/" + setup.p1() + "/$everything?_type=Condition",
                TREATMENT);
        assertThat(total(conditionsOnly.body())).isEqualTo(1);

        assertThat(afterClinic1Withdraws(next.group(1)).status()).isEqualTo(404);
    }

    @Test
    void aClinic_readsItsOwnConsentsAsFhirConsent_andNeverAnotherClinics() throws Exception {
        RawHttp.Response own1 = get(setup.emr1(), "/fhir/Consent?patient=" + setup.p1(), TREATMENT);
        RawHttp.Response own2 = get(setup.emr2(), "/fhir/Consent?patient=" + setup.p2(), TREATMENT);
        RawHttp.Response foreign = get(setup.emr2(), "/fhir/Consent?patient=" + setup.p1(), TREATMENT);

        assertThat(own1.status()).as(own1.body()).isEqualTo(200);
        assertThat(own1.body()).contains("patient-privacy").contains("\"status\":\"active\"")
                .contains("Patient/" + setup.p1()).contains(world().clinic().value())
                .doesNotContain(setup.clinic2().value());
        assertThat(own2.status()).as(own2.body()).isEqualTo(200);
        assertThat(own2.body()).contains("\"status\":\"proposed\"").contains(setup.clinic2().value())
                .doesNotContain("\"" + world().clinic().value() + "\"");
        assertThat(foreign.status()).isEqualTo(404);
    }

    @Test
    void whenTheAccessLogIsDown_nothingIsDecrypted_andTheClinicGets503() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        Integer receipts = jdbc.queryForObject("SELECT COUNT(*) FROM fg_release_receipt", Integer.class);
        String token = token(setup.emr1());
        jdbc.execute("ALTER TABLE cp_access_log_head RENAME TO cp_access_log_head_down");
        RawHttp.Response answer;
        try {
            answer = record(http.get("/fhir/Observation?patient=" + setup.p1(), bearer(token), TREATMENT));
        } finally {
            jdbc.execute("ALTER TABLE cp_access_log_head_down RENAME TO cp_access_log_head");
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.body()).contains("FG-0706").doesNotContain("\"Observation\"");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM fg_release_receipt", Integer.class)).isEqualTo(receipts);
    }

    // ---- when something goes wrong, and what each response sends once

    /** A resident whose records are stored as {@code infra/run --demo} stores them: straight into the bank, no ids in the content. */
    record Demo(ResidentId resident, String pseudonym, int observations) {
    }

    private Demo demo;

    Demo demo() throws Exception {
        if (demo == null) {
            String username = "reldemo-" + world().suffix();
            ResidentId resident = registerResident(username).resident().orElseThrow();
            bank.enrol(resident);
            List<org.azukari.trustbank.api.StoredRecord> stored = bank.storeAll(resident,
                    org.azukari.server.demo.DemoRecords.of(resident));
            stored.forEach(record -> never.add(record.id().value()));
            never.add(resident.toString());
            grant(resident, world().clinic(), ConsentCategory.all(DataCategory.MEDICAL));
            String pseudonym = exchange(setup.emr1(), shareCodeOf(signInAs(username, "demo resident")));
            demo = new Demo(resident, pseudonym, (int) stored.stream()
                    .filter(r -> r.type().value().equals("Observation")).count());
        }
        return demo;
    }

    @Test
    void recordsStoredWithoutAnId_likeTheDemos_areReleasedBySearchAndEverything_underTheClinicsOwnIds() throws Exception {
        Demo demo = demo();

        RawHttp.Response search = get(setup.emr1(), "/fhir/Observation?patient=" + demo.pseudonym() + "&_count=100",
                TREATMENT);
        RawHttp.Response everything = get(setup.emr1(), "/fhir/Patient/" + demo.pseudonym() + "/$everything",
                TREATMENT);

        assertThat(search.status()).as(search.body()).isEqualTo(200);
        assertThat(total(search.body())).isEqualTo(demo.observations());
        assertThat(ids(search.body(), "Observation")).hasSize(demo.observations()).doesNotHaveDuplicates()
                .allMatch(id -> id.matches("[a-z2-7]{26}"));
        assertThat(everything.status()).as(everything.body()).isEqualTo(200);
        assertThat(ids(everything.body(), "Observation")).containsExactlyInAnyOrderElementsOf(
                ids(search.body(), "Observation"));
        assertThat(everything.body()).doesNotContain("\"CarePlan\"").doesNotContain("\"Claim\"");
    }

    /**
     * A resident whose custody holds, next to the demo records, three whose content no parser takes
     * ({@link UnreadableRecords}): search and $everything answer 200 with the others, a warning
     * (FG-0720) naming none of them, a total and a receipt that count only what was sent; a read of
     * one is the 404 of anything not released; the application log names their bank ids and
     * FG-0720, never their content.
     */
    @Test
    @org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
    void unreadableRecords_areLeftOutOfSearchEverythingAndRead_withAWarning_andTheReceiptCountsOnlyWhatWasSent(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        String username = "relbad-" + world().suffix();
        ResidentId resident = registerResident(username).resident().orElseThrow();
        bank.enrol(resident);
        List<org.azukari.trustbank.api.StoredRecord> good = bank.storeAll(resident,
                org.azukari.server.demo.DemoRecords.of(resident));
        List<org.azukari.trustbank.api.RecordToStore> bad = UnreadableRecords.of(world().suffix());
        bank.storeAll(resident, bad);
        good.forEach(record -> never.add(record.id().value()));
        bad.forEach(record -> never.add(record.id().value()));
        never.addAll(List.of(resident.toString(), UnreadableRecords.MARKER, "9".repeat(50)));
        grant(resident, world().clinic(), ConsentCategory.all(DataCategory.MEDICAL));
        String pseudonym = exchange(setup.emr1(), shareCodeOf(signInAs(username, "unreadable resident")));
        int observations = (int) good.stream().filter(r -> r.type().value().equals("Observation")).count();

        RawHttp.Response search = get(setup.emr1(), "/fhir/Observation?patient=" + pseudonym + "&_count=100",
                TREATMENT);
        RawHttp.Response everything = get(setup.emr1(), "/fhir/Patient/" + pseudonym + "/$everything", TREATMENT);

        for (RawHttp.Response answer : List.of(search, everything)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"resourceType\":\"OperationOutcome\"").contains("\"severity\":\"warning\"")
                    .contains("FG-0720").contains("\"mode\":\"outcome\"").doesNotContain("Unheard" + "Of");
        }
        assertThat(total(search.body())).isEqualTo(observations);
        assertThat(ids(search.body(), "Observation")).hasSize(observations);
        assertThat(receipt(search)).containsPattern("\"resourceCount\":" + observations + "[,}]");
        assertThat(ids(everything.body(), "Observation")).hasSize(observations);
        for (org.azukari.trustbank.api.RecordToStore record : bad) {
            String clinicsId = introductions.pseudonyms().recordId(world().clinic().value(), "Observation",
                    record.id().value());
            RawHttp.Response read = get(setup.emr1(), "/fhir/Observation/" + clinicsId, TREATMENT);
            assertThat(read.status()).as(read.body()).isEqualTo(404);
            assertThat(read.body()).contains("FG-0704");
        }
        String log = output.getAll();
        for (org.azukari.trustbank.api.RecordToStore record : bad) {
            assertThat(log).contains("FG-0720 stored record " + record.id().value() + " could not be parsed");
        }
        assertThat(log).doesNotContain(UnreadableRecords.MARKER).doesNotContain("9".repeat(50));
    }

    int accessLogRows() {
        return new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM cp_access_log", Integer.class);
    }

    @Test
    void everything_writesOneAccessLogEntryPerRequest_namingThePatientAndTheRecords() throws Exception {
        String token = token(setup.emr1());
        int before = accessLogRows();

        RawHttp.Response answer = record(http.get("/fhir/Patient/" + setup.p1() + "/$everything", bearer(token),
                TREATMENT));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(accessLogRows()).isEqualTo(before + 1);
        assertThat(newestEntries(1).get(0)).contains("\"Patient\":1").contains("\"Observation\":2");
    }

    /** The canonical JSON of the newest {@code n} access-log entries, oldest first. */
    List<String> newestEntries(int n) {
        List<String> newest = new ArrayList<>(new JdbcTemplate(dataSource).queryForList(
                "SELECT entry_json FROM cp_access_log ORDER BY sequence DESC LIMIT " + n, String.class));
        java.util.Collections.reverse(newest);
        return newest;
    }

    @Test
    void includeOfTheSubject_addsThePatient_underThePseudonym_outsideTheTotal() throws Exception {
        for (String include : List.of("Observation:subject", "Observation:patient", "*")) {
            RawHttp.Response answer = get(setup.emr1(), observations("&code=2345-7&_include=" + include), TREATMENT);

            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(total(answer.body())).isEqualTo(1);
            com.fasterxml.jackson.databind.JsonNode entries = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(answer.body()).get("entry");
            assertThat(entries).as(include).filteredOn(e -> e.at("/resource/resourceType").asText().equals("Patient"))
                    .singleElement().satisfies(patient -> {
                        assertThat(patient.at("/resource/id").asText()).isEqualTo(setup.p1());
                        assertThat(patient.at("/search/mode").asText()).isEqualTo("include");
                        assertThat(patient.at("/resource/name/0/family").asText()).isEqualTo("Yamada");
                        assertThat(patient.path("resource").has("identifier")).isFalse();
                    });
        }
        RawHttp.Response without = get(setup.emr1(), observations("&code=2345-7"), TREATMENT);
        assertThat(ids(without.body(), "Patient")).isEmpty();
    }

    /** Every page of a paging, from {@code path} on. */
    List<String> allPages(String path) throws Exception {
        List<String> pages = new ArrayList<>();
        Pattern nextLink = Pattern.compile("\"relation\"\\s*:\\s*\"next\"\\s*,\\s*\"url\"\\s*:\\s*\"[^\"]*(/fhir/[^\"]+)\"");
        String next = path;
        while (next != null && pages.size() < 20) {
            RawHttp.Response page = get(setup.emr1(), next, TREATMENT);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            pages.add(page.body());
            Matcher m = nextLink.matcher(page.body());
            next = m.find() ? m.group(1) : null;
        }
        return pages;
    }

    @Test
    void aPaging_sendsEachCitedDirectoryResourceOnce_acrossAllItsPages() throws Exception {
        for (String first : List.of("/fhir/Patient/" + setup.p1() + "/$everything?_count=1", observations("&_count=1"))) {
            List<String> pages = allPages(first);

            assertThat(pages).as(first).hasSize(2);
            List<String> practitioners = pages.stream().flatMap(body -> ids(body, "Practitioner").stream()).toList();
            assertThat(practitioners).as(first).hasSize(1);
        }
    }

    @Test
    void aReceipt_namesItsSigningKeyByTheIdItIsPublishedUnder_andPlainJcaVerifiesItWithThatKey() throws Exception {
        RawHttp.Response answer = get(setup.emr1(), observations(""), TREATMENT);
        byte[] receipt = Base64.getUrlDecoder().decode(answer.header("X-Azukari-Receipt"));
        String signature = answer.header("X-Azukari-Receipt-Signature");
        String kid = new com.fasterxml.jackson.databind.ObjectMapper().readTree(receipt).get("signingKey").asText();

        RawHttp.Response published = http.get("/.well-known/azukari-receipt-keys");
        com.nimbusds.jose.jwk.JWK key = com.nimbusds.jose.jwk.JWKSet.parse(published.body()).getKeyByKeyId(kid);

        assertThat(key).as("a published key has the id " + kid).isNotNull();
        assertThat(signature).startsWith(kid + ":");
        java.security.Signature verifier = java.security.Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(key.toECKey().toECPublicKey());
        verifier.update(receipt);
        assertThat(verifier.verify(Base64.getDecoder().decode(signature.substring(kid.length() + 1)))).isTrue();
    }

    @Test
    void aReleaseWhoseReceiptCannotBeKept_answers503_sendsNothing_andTheResidentsLogSaysItFailed() throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String token = token(setup.emr1());
        jdbc.execute("ALTER TABLE fg_release_receipt RENAME TO fg_release_receipt_down");
        RawHttp.Response answer;
        try {
            answer = record(http.get(observations(""), bearer(token), TREATMENT));
        } finally {
            jdbc.execute("ALTER TABLE fg_release_receipt_down RENAME TO fg_release_receipt");
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains("OperationOutcome").contains("FG-0714").doesNotContain("\"Observation\"");
        assertThat(answer.header("X-Azukari-Receipt")).isNull();
        List<String> logged = newestEntries(2);
        assertThat(logged.get(0)).contains("\"decision\":\"PERMIT\"").contains("\"Observation\":2");
        assertThat(logged.get(1)).contains("\"reason\":\"release-failed\"").contains("\"resourceCounts\":{}")
                .contains(requestIdOf(logged.get(0)));
        com.fasterxml.jackson.databind.JsonNode seen = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(http.get("/portal/access-log", cookie(signIn("e-resident"))).body());
        List<com.fasterxml.jackson.databind.JsonNode> byClinics = new ArrayList<>();
        seen.forEach(entry -> {
            if (entry.path("actorKind").asText().equals("CLINIC_EMR")) {
                byClinics.add(entry);
            }
        });
        assertThat(byClinics.get(0).get("reason").asText()).as("the newest clinic entry the resident sees")
                .isEqualTo("release-failed");
        assertThat(byClinics.get(0).get("organisation").asText()).isEqualTo(world().clinic().value());
    }

    public static String requestIdOf(String entryJson) {
        Matcher m = Pattern.compile("\"requestId\":\"([^\"]+)\"").matcher(entryJson);
        assertThat(m.find()).as(entryJson).isTrue();
        return "\"requestId\":\"" + m.group(1) + "\"";
    }

    @Test
    void whenTheConsentStoreIsDown_aShareCodeExchangeAnswers503_changesNothing_andTheCodeStillWorks() throws Exception {
        assertAnExchangeChangesNothingWhile("cp_consent_version", "FG-0703");
    }

    @Test
    void whenTheAccessLogIsDown_aShareCodeExchangeAnswers503_changesNothing_andTheCodeStillWorks() throws Exception {
        assertAnExchangeChangesNothingWhile("cp_access_log_head", "FG-0706");
    }

    /** Exchanges a fresh code while {@code table} is gone: 503, no entry, no code used up; then the code works. */
    void assertAnExchangeChangesNothingWhile(String table, String code) throws Exception {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String shareCode = shareCode("e-resident");
        String token = token(setup.emr1());
        int before = accessLogRows();
        jdbc.execute("ALTER TABLE " + table + " RENAME TO " + table + "_down");
        RawHttp.Response answer;
        try {
            answer = record(http.send("POST", "/fhir/Patient/$exchange-share-code", "application/fhir+json",
                    "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"code\",\"valueString\":\"" + shareCode
                            + "\"}]}", bearer(token), TREATMENT));
        } finally {
            jdbc.execute("ALTER TABLE " + table + "_down RENAME TO " + table);
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(503);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(answer.body()).contains("OperationOutcome").contains(code).doesNotContain(setup.p1());
        assertThat(accessLogRows()).as("nothing logged").isEqualTo(before);
        assertThat(exchange(setup.emr1(), shareCode)).as("the code was not used up").isEqualTo(setup.p1());
    }

    @AfterAll
    void noResponse_carriesResidentIdsSourceIdsOrMrns() {
        assertThat(bodies).isNotEmpty();
        for (String body : bodies) {
            for (String secret : never) {
                assertThat(body).as("a response quoted " + secret).doesNotContain(secret);
            }
        }
    }
}
