package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.fhir.ingest.Inputs.CLAIM_GROUP;
import static org.azukari.fhir.ingest.Inputs.INSURANCE;
import static org.azukari.fhir.ingest.Inputs.MRN;
import static org.azukari.fhir.ingest.Inputs.SHARED_CLAIM_GROUP;
import static org.azukari.fhir.ingest.Inputs.claim;
import static org.azukari.fhir.ingest.Inputs.claimGroup;
import static org.azukari.fhir.ingest.Inputs.explanation;
import static org.azukari.fhir.ingest.Inputs.patient;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two residents' records that carry the same source identifier (Synthea's claim group
 * {@code 99999999999}) stay each resident's own: a later reference or conditional create by that
 * identifier binds within the referencing resident only, one after the other and when the
 * ingests race (no failure on the index's key). On H2; {@code SharedIdentifierPostgresIT} in the
 * server runs the race on PostgreSQL.
 */
class SharedIdentifierTest {

    static final String ROUND = "https://bluebutton.cms.gov/resources/identifier/claim-round";

    @TempDir
    Path directory;

    IngestWorld world;
    final ResidentId residentA = ResidentId.random();
    final ResidentId residentB = ResidentId.random();

    @BeforeEach
    void world() {
        world = new IngestWorld(directory);
        world.enrol(residentA, MRN, "000111");
        world.enrol(residentB, INSURANCE, "00012345:b:1:01");
    }

    Inputs patientA() {
        return Inputs.transaction().put(patient("p-a", MRN, "000111"));
    }

    Inputs patientB() {
        return Inputs.transaction().put(patient("p-b", INSURANCE, "00012345:b:1:01"));
    }

    /** The resident's one record of that type. */
    StoredRecord only(ResidentId resident, String type) {
        List<StoredRecord> found = world.records(resident).stream().filter(r -> r.type().value().equals(type)).toList();
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    @Test
    void conditionalReference_bySharedIdentifier_bindsToEachResidentsOwnRecord() {
        world.ingest(patientA().put(claim("c-a", new Reference("Patient/p-a"), 100)).json(), "req-1");
        world.ingest(patientB().put(claim("c-b", new Reference("Patient/p-b"), 200)).json(), "req-2");

        world.ingest(patientA().put(explanation("e-a", new Reference("Patient/p-a"), claimGroup())).json(), "req-3");
        world.ingest(patientB().put(explanation("e-b", new Reference("Patient/p-b"), claimGroup())).json(), "req-4");

        assertThat(world.contents(residentA, "ExplanationOfBenefit")).singleElement().asString()
                .contains("\"claim\":{\"reference\":\"Claim/" + only(residentA, "Claim").id().value() + "\"}");
        assertThat(world.contents(residentB, "ExplanationOfBenefit")).singleElement().asString()
                .contains("\"claim\":{\"reference\":\"Claim/" + only(residentB, "Claim").id().value() + "\"}");
    }

    @Test
    void conditionalReference_bySharedIdentifierThatOnlyAnotherResidentHolds_isRefused() {
        world.ingest(patientB().put(claim("c-b", new Reference("Patient/p-b"), 200)).json(), "req-1");

        assertThatThrownBy(() -> world.ingest(patientA()
                .put(explanation("e-a", new Reference("Patient/p-a"), claimGroup())).json(), "req-2"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.getMessage()).isEqualTo("FG-0309");
                    assertThat(refused.outcome().getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Bundle.entry[1].resource.claim");
                });
        assertThat(world.records(residentA)).isEmpty();
    }

    @Test
    void conditionalReference_withinOneBundle_toAnotherResidentsEntry_isRefused_andNothingIsStored() {
        Inputs twoResidents = patientA().put(patient("p-b", INSURANCE, "00012345:b:1:01"))
                .put(claim("c-b", new Reference("Patient/p-b"), 200))
                .put(explanation("e-a", new Reference("Patient/p-a"), claimGroup()));

        assertThatThrownBy(() -> world.ingest(twoResidents.json(), "req-1"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.getMessage()).isEqualTo("FG-0309");
                    assertThat(refused.outcome().getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo("Bundle.entry[3].resource.claim");
                });
        assertThat(world.records(residentA)).isEmpty();
        assertThat(world.records(residentB)).isEmpty();
    }

    @Test
    void conditionalCreate_bySharedIdentifier_matchesOnlyTheSameResidentsRecord() {
        world.ingest(patientB().put(claim("c-b", new Reference("Patient/p-b"), 200)).json(), "req-1");

        IngestResult forA = world.ingest(patientA().postIfNoneExist(claim("c-a", new Reference("Patient/p-a"), 100),
                CLAIM_GROUP, SHARED_CLAIM_GROUP).json(), "req-2");
        IngestResult againForA = world.ingest(patientA().postIfNoneExist(claim("c-a2", new Reference("Patient/p-a"), 150),
                CLAIM_GROUP, SHARED_CLAIM_GROUP).json(), "req-3");

        assertThat(forA.response().getEntry().get(1).getResponse().getStatus()).isEqualTo("201 Created");
        assertThat(only(residentA, "Claim").id()).isNotEqualTo(only(residentB, "Claim").id());
        assertThat(againForA.response().getEntry().get(1).getResponse().getStatus()).isEqualTo("200 OK");
        assertThat(againForA.response().getEntry().get(1).getResponse().getLocation())
                .startsWith("Claim/" + only(residentA, "Claim").id().value() + "/");
    }

    @Test
    void concurrentIngests_ofTwoResidentsSharingAnIdentifier_allSucceed_andEachIdentifierMapsPerResident()
            throws Exception {
        world.ingest(patientA().json(), "req-pa");
        world.ingest(patientB().json(), "req-pb");
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<IngestResult>> work = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                // both residents' bundles of a round start together, each with an identifier neither had
                CyclicBarrier together = new CyclicBarrier(2);
                for (boolean forA : new boolean[] {true, false}) {
                    String patientRef = forA ? "Patient/p-a" : "Patient/p-b";
                    String claimId = "c-" + round + (forA ? "-a" : "-b");
                    Claim claim = claim(claimId, new Reference(patientRef), 100 + round);
                    claim.addIdentifier().setSystem(ROUND).setValue("round-" + round);
                    String json = (forA ? patientA() : patientB()).put(claim)
                            .put(explanation("e-" + round + (forA ? "-a" : "-b"), new Reference(patientRef),
                                    new Reference("Claim/" + claimId))).json();
                    String requestId = "req-race-" + round + forA;
                    work.add(() -> {
                        together.await(1, TimeUnit.MINUTES);
                        return world.ingest(json, requestId);
                    });
                }
            }
            List<Future<IngestResult>> results = pool.invokeAll(work, 2, TimeUnit.MINUTES);
            for (Future<IngestResult> result : results) {
                assertThat(result.get().created()).isEqualTo(2);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(world.records(residentA)).filteredOn(r -> r.type().value().equals("Claim")).hasSize(rounds);
        assertThat(world.records(residentB)).filteredOn(r -> r.type().value().equals("Claim")).hasSize(rounds);
        for (ResidentId resident : List.of(residentA, residentB)) {
            for (String type : List.of("Claim", "ExplanationOfBenefit")) {
                assertThat(world.index.findByIdentifier(IngestWorld.HOSPITAL, Custody.resident(resident), type,
                        CLAIM_GROUP, SHARED_CLAIM_GROUP)).as(type).hasValueSatisfying(found -> {
                            assertThat(found.custody()).isEqualTo(Custody.resident(resident));
                            assertThat(world.records(resident)).extracting(StoredRecord::id).contains(found.record());
                        });
            }
        }
        for (String group : List.of(SHARED_CLAIM_GROUP, "round-" + (rounds - 1))) {
            String system = group.equals(SHARED_CLAIM_GROUP) ? CLAIM_GROUP : ROUND;
            assertThat(world.index.findAllByIdentifier(IngestWorld.HOSPITAL, "Claim", system, group))
                    .extracting(IndexedRecord::custody)
                    .containsExactlyInAnyOrder(Custody.resident(residentA), Custody.resident(residentB));
        }

        // and each resident's later reference by the shared identifier binds to their own claim
        world.ingest(patientA().put(explanation("e-late-a", new Reference("Patient/p-a"), claimGroup())).json(), "r-a");
        String claimOfA = world.index.findByIdentifier(IngestWorld.HOSPITAL, Custody.resident(residentA), "Claim",
                CLAIM_GROUP, SHARED_CLAIM_GROUP).orElseThrow().record().value();
        assertThat(world.contents(residentA, "ExplanationOfBenefit"))
                .anySatisfy(json -> assertThat(json).contains("\"claim\":{\"reference\":\"Claim/" + claimOfA + "\"}"));
    }
}
