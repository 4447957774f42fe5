package org.azukari.fhir.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.fhir.ingest.Inputs.MRN;
import static org.azukari.fhir.ingest.Inputs.patient;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings;
import org.azukari.fhir.validation.ValidationMode;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.trustbank.api.StoredRecord;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DeviceRequest;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.NutritionOrder;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.VisionPrescription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FHIR R4 types the classification table does not name (DeviceRequest, Task, NutritionOrder,
 * VisionPrescription, CommunicationRequest, AdverseEvent, ...) are taken in under the default
 * category of the sending organisation's kind, never refused; and what an input was taken in with
 * as warnings is counted per source, by code and type only.
 */
class UnlistedTypesTest {

    @TempDir
    Path directory;

    IngestWorld world;
    final ResidentId resident = ResidentId.random();

    @BeforeEach
    void world() {
        world = new IngestWorld(directory);
        world.enrol(resident, MRN, "000777");
    }

    static List<DomainResource> unlisted(Reference patient) {
        DeviceRequest device = new DeviceRequest().setStatus(DeviceRequest.DeviceRequestStatus.ACTIVE)
                .setIntent(DeviceRequest.RequestIntent.ORDER).setSubject(patient);
        device.getCodeCodeableConcept().setText("wheelchair");
        Task task = new Task().setStatus(Task.TaskStatus.REQUESTED).setIntent(Task.TaskIntent.ORDER).setFor(patient);
        NutritionOrder nutrition = new NutritionOrder().setStatus(NutritionOrder.NutritionOrderStatus.ACTIVE)
                .setIntent(NutritionOrder.NutritiionOrderIntent.ORDER).setPatient(patient);
        VisionPrescription vision = new VisionPrescription()
                .setStatus(VisionPrescription.VisionStatus.ACTIVE).setPatient(patient);
        CommunicationRequest communication = new CommunicationRequest()
                .setStatus(CommunicationRequest.CommunicationRequestStatus.ACTIVE).setSubject(patient);
        AdverseEvent adverse = new AdverseEvent().setActuality(AdverseEvent.AdverseEventActuality.ACTUAL)
                .setSubject(patient);
        List<DomainResource> resources = List.of(device, task, nutrition, vision, communication, adverse);
        for (int i = 0; i < resources.size(); i++) {
            resources.get(i).setId("unlisted-" + i);
        }
        return resources;
    }

    Inputs patientWithUnlistedRecords() {
        Inputs input = Inputs.transaction().put(patient("p-777", MRN, "000777"));
        unlisted(new Reference("Patient/p-777")).forEach(input::put);
        return input;
    }

    Map<String, DataCategory> categoriesByType() {
        return world.records(resident).stream()
                .collect(Collectors.toMap(record -> record.type().value(), StoredRecord::category));
    }

    @Test
    void ingest_typesTheTableDoesNotName_fromAHospital_areStoredAsMedicalData() {
        IngestResult result = world.ingest(patientWithUnlistedRecords().json(), "req-unlisted-1");

        assertThat(result.created()).isEqualTo(7);
        assertThat(categoriesByType()).containsOnlyKeys("Patient", "DeviceRequest", "Task", "NutritionOrder",
                "VisionPrescription", "CommunicationRequest", "AdverseEvent").allSatisfy(
                        (type, category) -> assertThat(category).as(type).isEqualTo(DataCategory.MEDICAL));
    }

    @Test
    void ingest_typesTheTableDoesNotName_fromACareProvider_areStoredAsCareData() {
        IngestSource careProvider = new IngestSource(IngestWorld.HOSPITAL, OrganisationKind.CARE_PROVIDER,
                Optional.empty(), ValidationMode.LENIENT);

        world.ingest.ingest(careProvider, IngestWorld.parse(patientWithUnlistedRecords().json()), "req-unlisted-2");

        assertThat(categoriesByType()).hasSize(7).allSatisfy(
                (type, category) -> assertThat(category).as(type).isEqualTo(DataCategory.CARE));
    }

    @Test
    void ingest_aBundleInsideABundle_isStillNotARecord() {
        Bundle nested = new Bundle().setType(Bundle.BundleType.COLLECTION);
        nested.setId("nested-1");
        String input = Inputs.transaction().put(patient("p-777", MRN, "000777")).put(nested).json();

        assertThatThrownBy(() -> world.ingest(input, "req-nested"))
                .isInstanceOfSatisfying(IngestRefusedException.class,
                        refused -> assertThat(refused.getMessage()).isEqualTo("FG-0302"));
        assertThat(world.records(resident)).isEmpty();
    }

    @Test
    void ingest_withParseWarnings_countsThemForTheSource_byCodeAndType_only() {
        OperationOutcome.OperationOutcomeIssueComponent dropped = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING).setCode(OperationOutcome.IssueType.STRUCTURE)
                .setDiagnostics("FG-0214 element 'secretName' (in Task) is not defined in FHIR R4; it was not stored");
        dropped.addExpression("Bundle.entry[2].resource");

        IngestResult result = world.ingest.ingest(IngestWorld.source(),
                IngestWorld.parse(patientWithUnlistedRecords().json()), "req-count", List.of(dropped));

        assertThat(result.warnings().getIssue()).anySatisfy(
                issue -> assertThat(issue.getDiagnostics()).startsWith("FG-0214"));
        List<SourceWarnings.Count> counts = new JdbcSourceWarnings(world.dataSource, Clock.systemUTC())
                .counts(IngestWorld.HOSPITAL);
        assertThat(counts).singleElement().satisfies(count -> {
            assertThat(count.kind()).isEqualTo(new SourceWarnings.Kind("FG-0214", "Task"));
            assertThat(count.count()).isEqualTo(1);
        });
        assertThat(world.rows("fg_source_warning")).isEqualTo(1);
    }

    @Test
    void ingest_refused_countsNoWarning() {
        OperationOutcome.OperationOutcomeIssueComponent dropped = new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.WARNING).setDiagnostics("FG-0214 element 'x' dropped");
        String unknownPatient = Inputs.transaction().put(patient("p-888", MRN, "not-enrolled")).json();

        assertThatThrownBy(() -> world.ingest.ingest(IngestWorld.source(), IngestWorld.parse(unknownPatient), "req-r",
                List.of(dropped))).isInstanceOf(IngestRefusedException.class);
        assertThat(world.rows("fg_source_warning")).isZero();
    }
}
