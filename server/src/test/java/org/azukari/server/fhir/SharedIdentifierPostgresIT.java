package org.azukari.server.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.SourceHashes;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.trustbank.api.StoredRecord;
import org.azukari.trustbank.api.TrustBank;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;
import org.azukari.server.testing.SystemClients;
import org.azukari.server.testing.OnProductionServices;
import org.springframework.test.context.TestPropertySource;

/**
 * Two residents whose claims carry the same source identifier (Synthea's claim group
 * {@code 99999999999}), pushed over HTTP by many threads at once into the bank on PostgreSQL,
 * OpenBao and Elasticsearch: every push answers 200 (before, the index's primary key failed with
 * a 500), each resident's identifier rows are their own, and a later conditional reference by
 * the shared identifier binds each resident's record to their own claim. A Patient naming both
 * residents is refused with FG-0309 and the refusal is in PostgreSQL's access log for both.
 */
@OnProductionServices
@TestPropertySource(properties = {
        // the race needs all eight pushes of one source inside at once, past the default admission
        "azukari.admission.ingest.global=8",
        "azukari.admission.ingest.per-source=8",
        "azukari.database.bulk-pool-size=20"})
class SharedIdentifierPostgresIT {

    static final String MRN = "urn:oid:1.2.392.100495.20.3.51.11318814790";
    static final String INSURANCE = "http://jpfhir.jp/fhir/clins/Idsystem/JP_Insurance_memberID";
    static final String CLAIM_GROUP = "https://bluebutton.cms.gov/resources/identifier/claim-group";
    static final String SHARED = "99999999999";
    /** Each round gives both residents' claims an identifier neither had: a fresh first insert to race on. */
    static final String ROUND = "https://bluebutton.cms.gov/resources/identifier/claim-round";
    static final int ROUNDS = 16;

    @LocalServerPort
    int port;

    @Autowired
    OrganisationRegistry organisations;

    @Autowired
    PeopleRegistry people;

    @Autowired
    TrustBank bank;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    BankSecrets secrets;

    /** A resident, the identifier the hospital enrolled them under, and the source id of their Patient. */
    record Resident(ResidentId id, String system, String value, String patientId) {
    }

    @Test
    void twoResidentsSharingAnIdentifier_pushedConcurrently_allGoIn_andEachBindsToTheirOwnRecord() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        OrganisationId hospital = new OrganisationId("shid-" + suffix);
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "Shared id hospital",
                Set.of(new Purpose("treatment"))));
        RealIdentityWorld.SystemClient feed = SystemClients.register(organisations, "shidfeed-" + suffix, hospital,
                PrincipalKind.SOURCE_FEED, "system/*.cu");
        RawHttp http = new RawHttp(port);
        String token = SystemClients.token(http, feed, "system/*.cu");
        Resident a = enrol(hospital, "shid-a-" + suffix, MRN, "A-" + suffix, "p-a");
        Resident b = enrol(hospital, "shid-b-" + suffix, INSURANCE, "B-" + suffix, "p-b");
        for (Resident resident : List.of(a, b)) {
            assertThat(push(http, token, transaction(patient(resident))).status()).isEqualTo(200);
        }

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<RawHttp.Response>> work = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                CyclicBarrier together = new CyclicBarrier(2);
                for (Resident resident : List.of(a, b)) {
                    String claimId = "c-" + round + "-" + resident.patientId();
                    String body = transaction(patient(resident), claim(resident, claimId, 100 + round, round),
                            explanation(resident, "e-" + round + "-" + resident.patientId(),
                                    new Reference("Claim/" + claimId), round));
                    work.add(() -> {
                        together.await(1, TimeUnit.MINUTES);
                        return push(http, token, body);
                    });
                }
            }
            List<Future<RawHttp.Response>> answers = pool.invokeAll(work, 5, TimeUnit.MINUTES);
            for (Future<RawHttp.Response> answer : answers) {
                RawHttp.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(count(response.body(), "201 Created")).as(response.body()).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }

        for (Resident resident : List.of(a, b)) {
            assertThat(types(resident)).containsEntry("Claim", ROUNDS).containsEntry("ExplanationOfBenefit", ROUNDS);
            // the shared claim group and each round's identifier, once each, in the resident's own custody
            assertThat(identifierRows(resident)).containsEntry("Claim", 1 + ROUNDS)
                    .containsEntry("ExplanationOfBenefit", 1 + ROUNDS).containsEntry("Patient", 1);
        }

        for (Resident resident : List.of(a, b)) {
            String late = "e-late-" + resident.patientId();
            RawHttp.Response answer = push(http, token, transaction(patient(resident), explanation(resident, late,
                    new Reference("Claim?identifier=" + CLAIM_GROUP + "|" + SHARED), ROUNDS)));
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            String claimIndexed = jdbc.queryForObject("SELECT r.record_id FROM fg_source_identifier i"
                    + " JOIN fg_source_record r ON r.source_org = i.source_org AND r.source_ref = i.source_ref"
                    + " WHERE i.custody_id = ? AND i.resource_type = 'Claim' AND i.identifier_hash = ?", String.class,
                    resident.id().value(), claimGroupHash(hospital));
            assertThat(ownClaims(resident)).contains(claimIndexed);
            assertThat(explanationNamed(resident, late)).contains("\"claim\":{\"reference\":\"Claim/" + claimIndexed + "\"}");
        }

        Patient both = new Patient();
        both.setId("p-both");
        both.addIdentifier().setSystem(INSURANCE).setValue(b.value());
        both.addIdentifier().setSystem(MRN).setValue(a.value());
        RawHttp.Response refused = push(http, token, transaction(both));
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("FG-0309").doesNotContain(a.id().toString()).doesNotContain(b.id().toString());
        assertThat(jdbc.queryForList("SELECT resident_id FROM cp_access_log WHERE decision = 'DENY'"
                + " AND organisation = ? AND entry_json LIKE '%\"ambiguous-resident\"%'", UUID.class, hospital.value()))
                .containsExactlyInAnyOrder(a.id().value(), b.id().value());
        assertThat(types(a)).containsEntry("Patient", 1);
        assertThat(types(b)).containsEntry("Patient", 1);
    }

    private Resident enrol(OrganisationId hospital, String username, String system, String value, String patientId) {
        ResidentId resident = people.registerResident(new AccountCredentials(username, "a long shared-id password 1"),
                AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        people.linkEnrolment(new EnrolmentLink(resident, hospital, system, value));
        return new Resident(resident, system, value, patientId);
    }

    /** The index's keyed hash of the shared claim group, as the gateway computes it. */
    private byte[] claimGroupHash(OrganisationId hospital) {
        return new SourceHashes(secrets).identifier(hospital, "Claim", CLAIM_GROUP, SHARED);
    }

    private static Patient patient(Resident resident) {
        Patient patient = new Patient();
        patient.setId(resident.patientId());
        patient.addIdentifier().setSystem(resident.system()).setValue(resident.value());
        return patient;
    }

    private static Claim claim(Resident resident, String id, int amount, int round) {
        Claim claim = new Claim().setStatus(Claim.ClaimStatus.ACTIVE).setUse(Claim.Use.CLAIM);
        claim.addIdentifier().setSystem(CLAIM_GROUP).setValue(SHARED);
        claim.addIdentifier().setSystem(ROUND).setValue("round-" + round);
        claim.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("institutional");
        claim.setPatient(new Reference("Patient/" + resident.patientId()));
        claim.setTotal(new Money().setValue(BigDecimal.valueOf(amount)).setCurrency("JPY"));
        claim.setCreated(new java.util.Date()).setProvider(new Reference().setDisplay("Shared id hospital"));
        claim.getPriority().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/processpriority")
                .setCode("normal");
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference().setDisplay("Health insurance"));
        claim.setId(id);
        return claim;
    }

    private static ExplanationOfBenefit explanation(Resident resident, String id, Reference claim, int round) {
        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId(id);
        eob.addIdentifier().setSystem(CLAIM_GROUP).setValue(SHARED);
        eob.addIdentifier().setSystem(ROUND).setValue("round-" + round);
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE)
                .setUse(ExplanationOfBenefit.Use.CLAIM).setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        eob.getType().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/claim-type").setCode("institutional");
        eob.setPatient(new Reference("Patient/" + resident.patientId()));
        eob.setClaim(claim);
        eob.setCreated(new java.util.Date()).setInsurer(new Reference().setDisplay("Health insurer"))
                .setProvider(new Reference().setDisplay("Shared id hospital"));
        eob.addInsurance().setFocal(true).setCoverage(new Reference().setDisplay("Health insurance"));
        return eob;
    }

    /** A transaction of PUTs (each resource under its own id, so resending one is recognised). */
    private static String transaction(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource).getRequest()
                    .setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
        }
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
    }

    private static RawHttp.Response push(RawHttp http, String token, String body) throws Exception {
        return http.send("POST", "/fhir", "application/fhir+json", body, RealIdentityWorld.bearer(token));
    }

    private Map<String, Integer> types(Resident resident) {
        Map<String, Integer> types = new TreeMap<>();
        bank.list(resident.id()).forEach(r -> types.merge(r.type().value(), 1, Integer::sum));
        return types;
    }

    private Map<String, Integer> identifierRows(Resident resident) {
        Map<String, Integer> rows = new TreeMap<>();
        jdbc.queryForList("SELECT resource_type FROM fg_source_identifier WHERE custody_id = ?", String.class,
                resident.id().value()).forEach(type -> rows.merge(type, 1, Integer::sum));
        return rows;
    }

    private List<String> ownClaims(Resident resident) {
        return bank.list(resident.id()).stream().filter(r -> r.type().value().equals("Claim"))
                .map(StoredRecord::id).map(id -> id.value()).toList();
    }

    private String explanationNamed(Resident resident, String sourceId) {
        return bank.list(resident.id()).stream().filter(r -> r.type().value().equals("ExplanationOfBenefit"))
                .map(r -> bank.read(resident.id(), r.id()).content().plaintextUtf8())
                .filter(json -> json.contains("#ExplanationOfBenefit/" + sourceId + "\""))
                .findFirst().orElseThrow();
    }

    private static int count(String text, String needle) {
        int count = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            count++;
        }
        return count;
    }
}
