package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.fhir.ingest.Inputs.INSURANCE;
import static org.azukari.fhir.ingest.Inputs.MRN;
import static org.azukari.fhir.ingest.Inputs.observation;
import static org.azukari.fhir.ingest.Inputs.patient;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Patient (or a reference by identifier) that names two residents is never given to either:
 * the whole input is refused with FG-0309, nothing of it is stored, and the refusal is in the
 * access log of both residents. Before, the first identifier that matched won: B was given a
 * Patient carrying A's hospital number, or A's own Patient became a version carrying B's.
 */
class AmbiguousPatientTest {

    static final String A_NUMBER = "000111";
    static final String B_NUMBER = "00012345:b:1:01";

    @TempDir
    Path directory;

    IngestWorld world;
    final ResidentId residentA = ResidentId.random();
    final ResidentId residentB = ResidentId.random();

    @BeforeEach
    void world() {
        world = new IngestWorld(directory);
        world.enrol(residentA, MRN, A_NUMBER);
        world.enrol(residentB, INSURANCE, B_NUMBER);
    }

    IngestResult send(Inputs inputs, String requestId) {
        return world.ingest(inputs.json(), requestId);
    }

    void assertAmbiguous(Inputs inputs, String requestId, String expression) {
        assertThatThrownBy(() -> send(inputs, requestId))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(422);
                    assertThat(refused.getMessage()).isEqualTo("FG-0309");
                    assertThat(refused.outcome().getIssueFirstRep().getDiagnostics()).startsWith("FG-0309 ambiguous")
                            .doesNotContain(residentA.toString()).doesNotContain(residentB.toString());
                    assertThat(refused.outcome().getIssueFirstRep().getExpression().get(0).getValue())
                            .isEqualTo(expression);
                });
    }

    List<AccessLogEntry> denials(String requestId) {
        return world.embedded.accessLog.entries().stream().map(LoggedEntry::entry)
                .filter(entry -> entry.requestId().equals(requestId)).toList();
    }

    @Test
    void ingest_newPatientWithBsNumberFirstAndAsSecond_isRefused_andBHoldsNothing() {
        Inputs both = Inputs.transaction().put(patient("p-new", INSURANCE, B_NUMBER, MRN, A_NUMBER))
                .put(observation("o-1", new Reference("Patient/p-new"), "HbA1c"));

        assertAmbiguous(both, "req-ambiguous-1", "Bundle.entry[0].resource.identifier");

        assertThat(world.records(residentB)).isEmpty();
        assertThat(world.records(residentA)).isEmpty();
        assertThat(world.rows("fg_source_record")).isZero();
        assertThat(world.rows("fg_source_identifier")).isZero();
    }

    @Test
    void ingest_AsOwnPatientResentWithBsNumberAdded_isRefused_andAsPatientStaysAsItWas() {
        send(Inputs.transaction().put(patient("p-a", MRN, A_NUMBER)), "req-a-1");
        List<String> before = world.contents(residentA, "Patient");

        Inputs withB = Inputs.transaction().put(patient("p-a", MRN, A_NUMBER, INSURANCE, B_NUMBER));
        assertAmbiguous(withB, "req-ambiguous-2", "Bundle.entry[0].resource.identifier");

        assertThat(world.contents(residentA, "Patient")).isEqualTo(before).singleElement()
                .satisfies(json -> assertThat(json).doesNotContain(B_NUMBER));
        assertThat(world.records(residentA)).singleElement()
                .satisfies(record -> assertThat(record.version().value()).isEqualTo(1));
        assertThat(world.records(residentB)).isEmpty();
    }

    @Test
    void ambiguousRefusal_isInTheAccessLogOfBothResidents_asADenialOfThatRequest() {
        Inputs both = Inputs.transaction().put(patient("p-new", MRN, A_NUMBER, INSURANCE, B_NUMBER))
                .put(observation("o-1", new Reference("Patient/p-new"), "HbA1c"));

        assertAmbiguous(both, "req-ambiguous-3", "Bundle.entry[0].resource.identifier");

        assertThat(denials("req-ambiguous-3")).hasSize(2).allSatisfy(entry -> {
            assertThat(entry.action()).isEqualTo(AccessAction.INGEST);
            assertThat(entry.decision()).isEqualTo(AccessDecision.DENY);
            assertThat(entry.reason()).isEqualTo("ambiguous-resident");
            assertThat(entry.actor().organisation()).contains(IngestWorld.HOSPITAL.value());
            assertThat(entry.resourceCounts()).containsEntry("Patient", 1).containsEntry("Observation", 1);
        }).extracting(entry -> entry.resident().orElseThrow()).containsExactlyInAnyOrder(residentA, residentB);
    }

    @Test
    void ambiguousRefusal_whileTheAccessLogIsDown_isA503_soTheSourceSendsItAgain() {
        world.embedded.accessLog.goDown();
        Inputs both = Inputs.transaction().put(patient("p-new", MRN, A_NUMBER, INSURANCE, B_NUMBER));

        assertThatThrownBy(() -> send(both, "req-ambiguous-4"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(503);
                    assertThat(refused.getMessage()).isEqualTo("FG-0502");
                });
        world.embedded.accessLog.comeBack();
        assertThat(world.records(residentA)).isEmpty();
        assertThat(world.records(residentB)).isEmpty();
        assertAmbiguous(both, "req-ambiguous-4", "Bundle.entry[0].resource.identifier");
        assertThat(denials("req-ambiguous-4")).hasSize(2);
    }

    @Test
    void patientWithTwoIdentifiersOfTheSameResident_isTakenIn() {
        world.enrol(residentA, INSURANCE, "00012345:a:1:01");

        IngestResult result = send(Inputs.transaction()
                .put(patient("p-a", INSURANCE, "00012345:a:1:01", MRN, A_NUMBER)), "req-a-2");

        assertThat(result.created()).isEqualTo(1);
        assertThat(world.records(residentA)).hasSize(1);
    }

    @Test
    void conditionalReference_byAnIdentifierEnrolledForA_neverBindsToBsPatientCarryingIt() {
        // B's Patient carried a second number the hospital later enrolled for A
        send(Inputs.transaction().put(patient("p-b", INSURANCE, B_NUMBER, MRN, "later-a")), "req-b-1");
        world.enrol(residentA, MRN, "later-a");

        Inputs byIdentifier = Inputs.transaction().put(observation("o-2",
                new Reference("Patient?identifier=" + MRN + "|later-a"), "glucose"));
        assertAmbiguous(byIdentifier, "req-ambiguous-5", "Bundle.entry[0].resource.subject");

        assertThat(world.records(residentB)).extracting(r -> r.type().value()).containsExactly("Patient");
        assertThat(world.records(residentA)).isEmpty();
        assertThat(denials("req-ambiguous-5")).extracting(entry -> entry.resident().orElseThrow())
                .containsExactlyInAnyOrder(residentA, residentB);
    }

    @Test
    void conditionalReference_byAnUnenrolledIdentifierOnTwoResidentsPatients_isRefused() {
        String shared = "urn:oid:1.2.392.100495.20.3.81";
        send(Inputs.transaction().put(patient("p-a", MRN, A_NUMBER, shared, "family-7")), "req-a-3");
        send(Inputs.transaction().put(patient("p-b", INSURANCE, B_NUMBER, shared, "family-7")), "req-b-2");

        Inputs byIdentifier = Inputs.transaction().put(observation("o-3",
                new Reference("Patient?identifier=" + shared + "|family-7"), "weight"));
        assertAmbiguous(byIdentifier, "req-ambiguous-6", "Bundle.entry[0].resource.subject");

        assertThat(world.records(residentA)).extracting(r -> r.type().value()).containsExactly("Patient");
        assertThat(world.records(residentB)).extracting(r -> r.type().value()).containsExactly("Patient");
    }

    @Test
    void conditionalReference_byAnIdentifierEnrolledForA_bindsToAsOwnPatient() {
        send(Inputs.transaction().put(patient("p-a", MRN, A_NUMBER)), "req-a-4");
        send(Inputs.transaction().put(patient("p-b", INSURANCE, B_NUMBER)), "req-b-3");

        send(Inputs.transaction().put(observation("o-4",
                new Reference("Patient?identifier=" + MRN + "|" + A_NUMBER), "HbA1c")), "req-a-5");

        assertThat(world.records(residentA)).extracting(r -> r.type().value())
                .containsExactlyInAnyOrder("Patient", "Observation");
        assertThat(world.records(residentB)).extracting(r -> r.type().value()).containsExactly("Patient");
    }

    @Test
    void aResourceSentForAThenForB_isRefusedWithFG0313_andTheRefusalIsInBothResidentsLogs() {
        send(Inputs.transaction().put(patient("p-a", MRN, A_NUMBER))
                .put(observation("o-5", new Reference("Patient/p-a"), "HbA1c")), "req-a-6");
        send(Inputs.transaction().put(patient("p-b", INSURANCE, B_NUMBER)), "req-b-4");

        assertThatThrownBy(() -> send(Inputs.transaction()
                .put(observation("o-5", new Reference("Patient/p-b"), "HbA1c")), "req-moved"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).isEqualTo("FG-0313");
                });
        assertThat(world.records(residentB)).extracting(r -> r.type().value()).containsExactly("Patient");
        assertThat(denials("req-moved")).allSatisfy(entry -> {
            assertThat(entry.decision()).isEqualTo(AccessDecision.DENY);
            assertThat(entry.reason()).isEqualTo("held-for-another-resident");
        }).extracting(entry -> entry.resident().orElseThrow()).containsExactlyInAnyOrder(residentA, residentB);
    }

    @Test
    void aRaceThatIndexedTheResourceForAnotherResidentFirst_isRefusedWithFG0313_andNothingStays() {
        SourceRef raced = new SourceRef("Observation", "o-6");
        // what B's ingest sees: A's ingest of o-6 has not committed yet when B's plans
        world = new IngestWorld(directory.resolve("race"), real -> new SourceIndex() {
            @Override
            public Optional<IndexedRecord> find(OrganisationId source, SourceRef ref) {
                return ref.equals(raced) ? Optional.empty() : real.find(source, ref);
            }

            @Override
            public Optional<IndexedRecord> findByIdentifier(OrganisationId source, Custody custody, String type,
                                                            String system, String value) {
                return real.findByIdentifier(source, custody, type, system, value);
            }

            @Override
            public List<IndexedRecord> findAllByIdentifier(OrganisationId source, String type, String system,
                                                           String value) {
                return real.findAllByIdentifier(source, type, system, value);
            }

            @Override
            public void put(OrganisationId source, SourceRef ref, IndexedRecord record,
                            List<SourceIndex.SourceIdentifier> identifiers) {
                real.put(source, ref, record, identifiers);
            }
        });
        world.enrol(residentA, MRN, A_NUMBER);
        world.enrol(residentB, INSURANCE, B_NUMBER);
        send(Inputs.transaction().put(patient("p-a", MRN, A_NUMBER))
                .put(observation("o-6", new Reference("Patient/p-a"), "HbA1c")), "req-a-7");
        send(Inputs.transaction().put(patient("p-b", INSURANCE, B_NUMBER)), "req-b-5");
        int logged = world.embedded.accessLog.entries().size();

        assertThatThrownBy(() -> send(Inputs.transaction()
                .put(observation("o-6", new Reference("Patient/p-b"), "glucose")), "req-raced"))
                .isInstanceOfSatisfying(IngestRefusedException.class, refused -> {
                    assertThat(refused.status()).isEqualTo(409);
                    assertThat(refused.getMessage()).isEqualTo("FG-0313");
                });
        assertThat(world.records(residentB)).extracting(r -> r.type().value()).containsExactly("Patient");
        assertThat(world.index.find(IngestWorld.HOSPITAL, raced)).hasValueSatisfying(found ->
                assertThat(found.custody()).isEqualTo(Custody.resident(residentA)));
        assertThat(world.embedded.accessLog.entries()).hasSize(logged + 2);
        assertThat(denials("req-raced")).extracting(AccessLogEntry::decision).containsOnly(AccessDecision.DENY);
    }
}
