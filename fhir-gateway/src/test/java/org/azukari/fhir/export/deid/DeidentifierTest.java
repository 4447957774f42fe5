package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.fhir.export.deid.SyntheticCohort.Person;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

    static final IParser JSON = FhirContext.forR4Cached().newJsonParser();

    final List<Person> cohort = SyntheticCohort.people();
    final Deidentifier deidentifier = new Deidentifier(DeidentificationProfile.defaults(),
            SyntheticCohort.pseudonyms(), SyntheticCohort.TODAY);

    DeidentifiedPerson deidentify(Person person) {
        return deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(), person.released());
    }

    static String json(DeidentifiedPerson person) {
        return person.resources().stream().map(JSON::encodeResourceToString).collect(Collectors.joining("\n"));
    }

    static <T extends Resource> T only(DeidentifiedPerson person, Class<T> type) {
        return first(person.resources(), type);
    }

    static <T extends Resource> T first(List<? extends Resource> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    @Test
    void deidentify_wholeCohort_leavesNoNameIdentifierPhoneStreetSourceIdOrResidentIdInTheJson() {
        String dataset = cohort.stream().map(this::deidentify).map(DeidentifierTest::json)
                .collect(Collectors.joining("\n"));

        for (Person person : cohort) {
            for (String secret : person.secrets()) {
                assertThat(dataset).as("a direct identifier of one resident").doesNotContain(secret);
            }
        }
        assertThat(dataset).doesNotContain("\"identifier\"", "\"name\"", "\"telecom\"", "\"note\"", "\"text\"",
                "\"display\"", "\"meta\"", "\"contact\"", "\"line\"", "\"city\"", "\"birthDate\"", "Practitioner/",
                "Organization/", "Location/", "Coverage/", "\"valueString\":\"told");
    }

    @Test
    void deidentify_patient_keepsOnlyPseudonymGenderAgeBandAndGeneralisedAddress() {
        DeidentifiedPerson person = deidentify(cohort.get(0));
        Patient patient = only(person, Patient.class);

        assertThat(patient.getIdPart()).isEqualTo(person.pseudonym().value());
        assertThat(patient.getGender().toCode()).isEqualTo("female");
        assertThat(patient.getExtension()).singleElement().satisfies(band -> {
            assertThat(band.getUrl()).isEqualTo(Deidentifier.AGE_BAND_EXTENSION);
            assertThat(band.getValue().primitiveValue()).isEqualTo("40-44");
        });
        assertThat(patient.getAddress()).singleElement().satisfies(address -> {
            assertThat(address.getCountry()).isEqualTo("JP");
            assertThat(address.getState()).isEqualTo("東京都");
            assertThat(address.hasPostalCode() || address.hasLine() || address.hasCity() || address.hasText()).isFalse();
        });
        assertThat(patient.hasBirthDate() || patient.hasName() || patient.hasTelecom() || patient.hasIdentifier()
                || patient.hasContact() || patient.hasPhoto() || patient.hasMeta() || patient.hasText()).isFalse();
        assertThat(person.quasiIdentifiers()).isEqualTo(new QuasiIdentifiers("40-44", "female", "JP-東京都"));
    }

    @Test
    void deidentify_patientReferences_allBecomeThePseudonym() {
        DeidentifiedPerson person = deidentify(cohort.get(3));
        String pseudonym = "Patient/" + person.pseudonym().value();

        assertThat(only(person, Observation.class).getSubject().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, Condition.class).getSubject().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, MedicationRequest.class).getSubject().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, Encounter.class).getSubject().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, Claim.class).getPatient().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, ExplanationOfBenefit.class).getPatient().getReference()).isEqualTo(pseudonym);
        assertThat(only(person, ExplanationOfBenefit.class).getPayee().getParty().getReference()).isEqualTo(pseudonym);
    }

    @Test
    void deidentify_referencesBetweenThePersonsRecords_followTheNewIds() {
        DeidentifiedPerson person = deidentify(cohort.get(3));
        Encounter encounter = only(person, Encounter.class);
        Claim claim = only(person, Claim.class);

        assertThat(only(person, Observation.class).getEncounter().getReference())
                .isEqualTo("Encounter/" + encounter.getIdPart());
        assertThat(only(person, ExplanationOfBenefit.class).getClaim().getReference())
                .isEqualTo("Claim/" + claim.getIdPart());
        assertThat(encounter.getIdPart()).matches("[a-z2-7]{26}").doesNotContain("enc");
    }

    @Test
    void deidentify_referencesToPractitionersOrganisationsAndOthers_keepOnlyTheirType() {
        DeidentifiedPerson person = deidentify(cohort.get(3));
        Encounter encounter = only(person, Encounter.class);
        Claim claim = only(person, Claim.class);

        assertThat(List.of(encounter.getServiceProvider(), claim.getProvider(), claim.getInsuranceFirstRep().getCoverage(),
                encounter.getParticipantFirstRep().getIndividual(), encounter.getLocationFirstRep().getLocation()))
                .extracting(Reference::getReference, Reference::getType, Reference::hasIdentifier, Reference::hasDisplay)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "Organization", false, false),
                        org.assertj.core.groups.Tuple.tuple(null, "Organization", false, false),
                        org.assertj.core.groups.Tuple.tuple(null, "Coverage", false, false),
                        org.assertj.core.groups.Tuple.tuple(null, "Practitioner", false, false),
                        org.assertj.core.groups.Tuple.tuple(null, "Location", false, false));
        assertThat(claim.getInsurer().getType()).as("the only type Claim.insurer allows").isEqualTo("Organization");
        assertThat(claim.getInsurer().hasIdentifier()).isFalse();
    }

    @Test
    void deidentify_codedData_isKept() {
        DeidentifiedPerson person = deidentify(cohort.get(3));
        Observation observation = only(person, Observation.class);
        Quantity value = observation.getValueQuantity();

        assertThat(observation.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://loinc.org");
        assertThat(observation.getCode().getCodingFirstRep().getCode()).isEqualTo("4548-4");
        assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(value.getValue()).isEqualByComparingTo("6.1");
        assertThat(List.of(value.getUnit(), value.getSystem(), value.getCode()))
                .containsExactly("%", "http://unitsofmeasure.org", "%");
        assertThat(observation.getComponentFirstRep().getCode().getCodingFirstRep().getCode()).isEqualTo("8867-4");
        assertThat(only(person, Condition.class).getCode().getCodingFirstRep().getCode()).isEqualTo("E11");
        assertThat(only(person, Claim.class).getItemFirstRep().getNet().getValue()).isEqualByComparingTo("2880");
        assertThat(only(person, Claim.class).getItemFirstRep().getNet().getCurrency()).isEqualTo("JPY");
    }

    @Test
    void deidentify_freeTextInCodesAndValues_isDropped() {
        DeidentifiedPerson person = deidentify(cohort.get(3));
        Observation observation = only(person, Observation.class);

        assertThat(observation.getCode().hasText()).isFalse();
        assertThat(observation.getCode().getCodingFirstRep().hasDisplay()).isFalse();
        assertThat(observation.getComponentFirstRep().hasValue()).isFalse();
        assertThat(only(person, MedicationRequest.class).getDosageInstructionFirstRep().hasText()).isFalse();
        assertThat(only(person, ExplanationOfBenefit.class).hasDisposition()).isFalse();
    }

    @Test
    void deidentify_quantityUnitThatIsNotAUnit_isDropped() {
        Person person = cohort.get(0);
        Observation observation = (Observation) person.released().get(2).copy();
        observation.getValueQuantity().setUnit("per Dr Kanemoto").setCode(null);

        DeidentifiedPerson out = deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(),
                List.of(person.released().get(0), observation));

        assertThat(only(out, Observation.class).getValueQuantity().hasUnit()).isFalse();
    }

    @Test
    void deidentify_leavesTheReleasedResourcesUnchanged() {
        Person person = cohort.get(0);
        List<String> before = person.released().stream().map(JSON::encodeResourceToString).toList();

        deidentify(person);

        assertThat(person.released().stream().map(JSON::encodeResourceToString).toList()).isEqualTo(before);
    }

    @Test
    void deidentify_typesNotExported_areLeftOutAndCounted() {
        DeidentifiedPerson person = deidentify(cohort.get(0));

        assertThat(person.resources()).hasSize(SyntheticCohort.EXPORTED_PER_PERSON);
        assertThat(person.resources().get(0)).isInstanceOf(Patient.class);
        assertThat(person.resources()).extracting(Resource::fhirType).doesNotContain("Practitioner");
        assertThat(person.leftOut()).isEqualTo(1);
    }

    @Test
    void deidentify_resourceWithAModifierExtension_isLeftOut() {
        Person person = cohort.get(0);
        Condition refuted = (Condition) person.released().get(3).copy();
        refuted.addEvidence().addModifierExtension(new Extension("http://hospital.example/not-really",
                new org.hl7.fhir.r4.model.BooleanType(true)));
        Condition top = (Condition) person.released().get(3).copy();
        top.setId("cond-2");
        top.addModifierExtension(new Extension("http://hospital.example/negated", new org.hl7.fhir.r4.model.BooleanType(true)));

        DeidentifiedPerson out = deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(),
                List.of(person.released().get(0), refuted, top));

        assertThat(out.resources()).extracting(Resource::fhirType).containsExactly("Patient");
        assertThat(out.leftOut()).isEqualTo(2);
    }

    @Test
    void deidentify_ageAtOrAboveTheTopBand_isShownAsAtLeastTheTop() {
        Person person = cohort.get(0);
        Condition condition = (Condition) person.released().get(3).copy();
        condition.setOnset(new org.hl7.fhir.r4.model.Age().setValue(97).setSystem("http://unitsofmeasure.org").setCode("a"));

        DeidentifiedPerson out = deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(),
                List.of(condition));

        org.hl7.fhir.r4.model.Age onset = only(out, Condition.class).getOnsetAge();
        assertThat(onset.getValue()).isEqualByComparingTo("90");
        assertThat(onset.getComparator()).isEqualTo(Quantity.QuantityComparator.GREATER_OR_EQUAL);
    }

    @Test
    void deidentify_personWithoutAPatientResource_getsAPatientOfUnknownQuasiIdentifiers() {
        Person person = cohort.get(0);

        DeidentifiedPerson out = deidentifier.deidentify(SyntheticCohort.SERVICE, person.resident(),
                person.released().subList(1, 3));

        assertThat(out.quasiIdentifiers()).isEqualTo(new QuasiIdentifiers("unknown", "unknown", "unknown"));
        assertThat(only(out, Patient.class).getIdPart()).isEqualTo(out.pseudonym().value());
    }

    @Test
    void deidentifiedPerson_toString_showsOnlyThePseudonymAndCounts() {
        DeidentifiedPerson person = deidentify(cohort.get(0));

        assertThat(person.toString()).contains(person.pseudonym().value()).doesNotContain("40-44", "female", "東京都");
    }

    @Test
    void deidentify_everyOutputId_isAValidFhirIdAndUniqueInTheDataset() {
        Set<String> ids = new java.util.HashSet<>();
        int count = 0;
        for (Person person : cohort) {
            for (Resource resource : deidentify(person).resources()) {
                assertThat(resource.getIdPart()).matches("[a-z2-7]{26}");
                ids.add(resource.fhirType() + "/" + resource.getIdPart());
                count++;
            }
        }
        assertThat(ids).hasSize(count);
    }

    @Test
    void deidentify_twoExportsForOneService_giveTheSamePseudonymsAndRecordIds() {
        Deidentifier later = new Deidentifier(DeidentificationProfile.defaults(),
                new ServicePseudonyms(SyntheticCohort.secrets("bank-one")), SyntheticCohort.TODAY.plusMonths(3));

        for (Person person : cohort) {
            List<String> first = ids(deidentify(person));
            List<String> second = ids(later.deidentify(SyntheticCohort.SERVICE, person.resident(), person.released()));
            assertThat(second).isEqualTo(first);
        }
    }

    @Test
    void deidentify_anotherService_sharesNoPseudonymOrRecordIdWithTheFirst() {
        Set<String> first = new java.util.HashSet<>();
        Set<String> other = new java.util.HashSet<>();
        for (Person person : cohort) {
            first.addAll(ids(deidentify(person)));
            other.addAll(ids(deidentifier.deidentify(SyntheticCohort.OTHER_SERVICE, person.resident(), person.released())));
        }

        assertThat(first).hasSize(cohort.size() * SyntheticCohort.EXPORTED_PER_PERSON).doesNotContainAnyElementsOf(other);
        String otherJson = cohort.stream().map(p -> json(deidentifier.deidentify(SyntheticCohort.OTHER_SERVICE,
                p.resident(), p.released()))).collect(Collectors.joining());
        assertThat(first).noneMatch(otherJson::contains);
    }

    private static List<String> ids(DeidentifiedPerson person) {
        return person.resources().stream().map(Resource::getIdPart).toList();
    }
}
