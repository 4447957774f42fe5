package org.azukari.fhir.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.azukari.consent.api.Deidentification;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DeidentifierTest {

    static final ServiceNames NAMES = new ServiceNames(bytes("p"), bytes("r"), bytes("s"));
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final ResidentId HANAKO = new ResidentId(UUID.fromString("11111111-2222-3333-4444-555555555555"));

    static byte[] bytes(String seed) {
        return seed.repeat(32).getBytes(StandardCharsets.UTF_8);
    }

    static Deidentifier deidentifier(Deidentification.DateHandling dates, String service) {
        return new Deidentifier(new Deidentification(dates, 5, Deidentification.LocationLevel.PREFECTURE, 5), NAMES,
                service, TODAY);
    }

    static Patient hanako() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11312345678").setValue("MRN-0042");
        patient.addName().setFamily("Yamada").addGiven("Hanako");
        patient.addTelecom().setValue("090-1234-5678");
        patient.addAddress().setState("東京都").addLine("千代田区丸の内1-1").setPostalCode("100-0005");
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1981-05-20"));
        return patient;
    }

    static Observation hba1c(String effective) {
        Observation observation = new Observation();
        observation.setId("Observation/bank-obs-1");
        observation.getMeta().setSource("urn:azukari:source:hospital#src-lab-77");
        observation.addIdentifier().setSystem("urn:x:accession").setValue("ACC-98765");
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "Hemoglobin A1c"))
                .setText("HbA1c (Yamada Hanako)"));
        observation.setSubject(new Reference("Patient/bank-patient").setDisplay("Yamada Hanako"));
        observation.setEncounter(new Reference("Encounter/bank-enc-3"));
        observation.addPerformer(new Reference("Practitioner/bank-doc").setDisplay("Dr Sato"));
        observation.setEffective(new DateTimeType(effective));
        observation.setValue(new Quantity(6.1).setUnit("%"));
        observation.addNote(new Annotation().setText("called Hanako at 090-1234-5678"));
        return observation;
    }

    @Test
    void aRecordKeepsItsCodedData_andLosesEveryDirectIdentifierAndFreeText() {
        String line = deidentifier(Deidentification.DateHandling.MONTH, "wellness-a")
                .recordLine(HANAKO, hba1c("2024-03-15T09:30:00+09:00"), "bank-obs-1");

        assertThat(line).contains("4548-4").contains("http://loinc.org").contains("6.1")
                .contains("\"effectiveDateTime\":\"2024-03\"")
                .contains("Patient/" + NAMES.patient("wellness-a", HANAKO));
        for (String never : new String[] {"Yamada", "Hanako", "090-1234", "ACC-98765", "src-lab-77", "bank-",
                "urn:azukari:source", "Dr Sato", "Practitioner", "Encounter", HANAKO.value().toString()}) {
            assertThat(line).as(never).doesNotContain(never);
        }
    }

    @Test
    void aPatientIsOnlyAPseudonymAGenderAnAgeBandAndAPrefecture() {
        String line = deidentifier(Deidentification.DateHandling.MONTH, "wellness-a")
                .patientLine(HANAKO, Optional.of(hanako()));

        assertThat(line).contains("\"gender\":\"female\"").contains("\"valueString\":\"45-49\"").contains("東京都")
                .doesNotContain("1981").doesNotContain("Yamada").doesNotContain("MRN-0042").doesNotContain("丸の内")
                .doesNotContain("100-0005").doesNotContain("090");
    }

    @Test
    void pseudonymsAreStableForAService_andDifferBetweenServices() {
        String a1 = deidentifier(Deidentification.DateHandling.MONTH, "wellness-a").pseudonym(HANAKO);
        String a2 = deidentifier(Deidentification.DateHandling.YEAR, "wellness-a").pseudonym(HANAKO);
        String b = deidentifier(Deidentification.DateHandling.MONTH, "wellness-b").pseudonym(HANAKO);

        assertThat(a1).isEqualTo(a2).isNotEqualTo(b).hasSize(26);
    }

    @Test
    void shiftedDates_moveEveryDateOfAPersonByTheSameDays_soIntervalsSurvive() {
        Deidentifier shifting = deidentifier(Deidentification.DateHandling.SHIFT, "wellness-a");
        String first = shifting.recordLine(HANAKO, hba1c("2024-03-15T09:30:00+09:00"), "o1");
        String second = shifting.recordLine(HANAKO, hba1c("2024-06-15T09:30:00+09:00"), "o2");

        java.time.OffsetDateTime t1 = effective(first);
        java.time.OffsetDateTime t2 = effective(second);
        assertThat(t1).isNotEqualTo(java.time.OffsetDateTime.parse("2024-03-15T09:30:00+09:00"));
        assertThat(java.time.Duration.between(t1, t2))
                .isEqualTo(java.time.Duration.between(java.time.OffsetDateTime.parse("2024-03-15T09:30:00+09:00"),
                        java.time.OffsetDateTime.parse("2024-06-15T09:30:00+09:00")));
        assertThat(Math.abs(NAMES.shiftDays("wellness-a", HANAKO, Deidentifier.MAX_SHIFT_DAYS)))
                .isBetween(1, Deidentifier.MAX_SHIFT_DAYS);
    }

    static java.time.OffsetDateTime effective(String line) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"effectiveDateTime\":\"([^\"]+)\"").matcher(line);
        assertThat(m.find()).as(line).isTrue();
        return java.time.OffsetDateTime.parse(m.group(1));
    }

    @Test
    void groupsSmallerThanK_areSuppressed_andEveryOtherGroupHasAtLeastK() {
        Map<String, Deidentifier.QuasiIdentifier> people = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            people.put("p" + i, new Deidentifier.QuasiIdentifier(i < 7 ? "40-44" : i < 11 ? "45-49" : "90+",
                    "female", "東京都"));
        }

        var suppressed = KAnonymity.suppressed(people, 5);

        assertThat(suppressed).containsExactlyInAnyOrder("p7", "p8", "p9", "p10", "p11");
        Map<Deidentifier.QuasiIdentifier, Long> kept = new java.util.HashMap<>();
        people.forEach((p, qi) -> {
            if (!suppressed.contains(p)) {
                kept.merge(qi, 1L, Long::sum);
            }
        });
        assertThat(kept.values()).allMatch(size -> size >= 5);
    }
}
