package org.azukari.fhir.export.deid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationId;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Claim;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.ExplanationOfBenefit;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Money;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Thirty residents as a hospital and a payer would send them, full of what must not leave:
 * names (kanji and romaji), MRNs, insurance numbers, phone numbers, streets, source ids, notes
 * that repeat the name, a practitioner's name. Six quasi-identifier groups of 10, 8, 5, 4, 2
 * and 1 people (age band, gender, prefecture on {@link #TODAY}), so with k = 5 the last three
 * groups (7 people) are suppressed.
 */
final class SyntheticCohort {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final OrganisationId SERVICE = new OrganisationId("wellness-a");
    static final OrganisationId OTHER_SERVICE = new OrganisationId("wellness-b");
    static final int SUPPRESSED_AT_K5 = 7;
    static final int RELEASED_PER_PERSON = 8;
    static final int EXPORTED_PER_PERSON = 7;

    /** One resident: what is released for them, and every string that must not appear in a dataset. */
    record Person(ResidentId resident, List<Resource> released, List<String> secrets) {
    }

    private record Group(int size, AdministrativeGender gender, int birthYear, String prefecture) {
    }

    private static final List<Group> GROUPS = List.of(
            new Group(10, AdministrativeGender.FEMALE, 1982, "東京都"),
            new Group(8, AdministrativeGender.MALE, 1961, "東京都"),
            new Group(5, AdministrativeGender.FEMALE, 1935, "福島県"),
            new Group(4, AdministrativeGender.MALE, 2000, "東京都"),
            new Group(2, AdministrativeGender.OTHER, 1990, "大阪府"),
            new Group(1, AdministrativeGender.FEMALE, 1982, "沖縄県"));
    private static final String[] FAMILY = {"山田", "佐藤", "鈴木", "高橋", "田中", "伊藤"};
    private static final String[] GIVEN = {"花子", "太郎", "桜", "健一", "美咲", "翔"};

    static List<Person> people() {
        List<Person> people = new ArrayList<>();
        int n = 0;
        for (Group group : GROUPS) {
            for (int i = 0; i < group.size(); i++, n++) {
                people.add(person(n, group));
            }
        }
        return people;
    }

    static ServicePseudonyms pseudonyms() {
        return new ServicePseudonyms(secrets("bank-one"));
    }

    /** Keys as the bank derives them: one per purpose, from one seed. */
    static BankSecrets secrets(String seed) {
        return purpose -> {
            try {
                return MessageDigest.getInstance("SHA-256").digest((seed + "|" + purpose).getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Person person(int n, Group group) {
        String tag = String.format("%04d", n);
        ResidentId resident = new ResidentId(UUID.nameUUIDFromBytes(("resident-" + n).getBytes(StandardCharsets.UTF_8)));
        String family = FAMILY[n % FAMILY.length] + "野" + tag;
        String given = GIVEN[n % GIVEN.length];
        String romaji = "Yamanoue" + tag;
        String mrn = "MRN-77" + tag;
        String insurance = "INS-3141" + tag;
        String phone = "090-55" + tag.substring(0, 2) + "-" + tag;
        String street = "丸の内一丁目" + tag + "番地";
        String postal = "100-" + tag;
        String birthDate = group.birthYear() + "-03-" + String.format("%02d", 1 + n % 28);
        String note = romaji + " (" + family + given + ") said the pain started at work, phone " + phone;
        String practitioner = "Dr Kanemoto " + tag;
        String hospital = "Azukari Central Hospital " + tag;
        String source = "hosp-" + tag;

        Patient patient = new Patient();
        patient.setId("pat-" + source);
        patient.setMeta(new Meta().setSource("https://hospital.example/fhir/" + source));
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + family + " " + given + "</div>");
        patient.setText(narrative);
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.51.11318814790").setValue(mrn);
        patient.addIdentifier().setSystem("urn:oid:1.2.392.100495.20.3.61").setValue(insurance);
        patient.addName().setFamily(family).addGiven(given).setText(family + " " + given);
        patient.addName().setFamily(romaji).addGiven("Hanako");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(romaji + "@mail.example");
        patient.setGender(group.gender());
        patient.setBirthDateElement(new DateType(birthDate));
        patient.addAddress().setUse(Address.AddressUse.HOME).setPostalCode(postal).setState(group.prefecture())
                .setCity("千代田区").addLine(street).setText(group.prefecture() + "千代田区" + street)
                .setCountry("JP");
        patient.addContact().addTelecom().setValue(phone);
        patient.addExtension("http://hospital.example/fhir/ext/maiden-name", new StringType(romaji + "-maiden"));

        Reference subject = new Reference("Patient/pat-" + source).setDisplay(family + " " + given);
        Reference doctor = new Reference("Practitioner/pr-" + source).setDisplay(practitioner);
        Reference org = new Reference("Organization/org-" + source).setDisplay(hospital);

        Encounter encounter = new Encounter();
        encounter.setId("enc-" + source);
        encounter.addIdentifier().setValue("ENC-" + tag);
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(subject.copy());
        encounter.addParticipant().setIndividual(doctor.copy());
        encounter.setServiceProvider(org.copy());
        encounter.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-10T09:00:00+09:00"))
                .setEndElement(new DateTimeType("2024-03-10T11:00:00+09:00")));
        encounter.addLocation().setLocation(new Reference("Location/ward-" + source).setDisplay(street));

        Observation observation = new Observation();
        observation.setId("obs-" + source);
        observation.setMeta(new Meta().setSource("#" + source).setLastUpdatedElement(new InstantType("2024-03-10T10:00:00+09:00")));
        observation.addIdentifier().setSystem("http://hospital.example/lab").setValue("LAB-" + tag);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "HbA1c for " + romaji))
                .setText("HbA1c of " + family));
        observation.setSubject(subject.copy());
        observation.setEncounter(new Reference("Encounter/enc-" + source));
        observation.addPerformer(doctor.copy());
        observation.setEffective(new DateTimeType("2024-03-10T09:30:00+09:00"));
        observation.setIssuedElement(new InstantType("2024-03-10T10:15:00+09:00"));
        observation.setValue(new Quantity().setValue(6.1).setUnit("%").setSystem("http://unitsofmeasure.org").setCode("%"));
        observation.addNote(new Annotation().setText(note).setAuthor(doctor.copy()));
        observation.addComponent().setCode(new CodeableConcept(new Coding("http://loinc.org", "8867-4", null)))
                .setValue(new StringType("told " + family + " to call " + phone));

        Condition condition = new Condition();
        condition.setId("cond-" + source);
        condition.addIdentifier().setValue("DX-" + tag);
        condition.setSubject(subject.copy());
        condition.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10", "E11", "2型糖尿病"))
                .setText(family + "さんの糖尿病"));
        condition.setOnset(new DateTimeType("2023-11-02"));
        condition.setRecordedDateElement(new DateTimeType("2023-11-05"));
        condition.setAsserter(doctor.copy());
        condition.addNote().setText(note);

        MedicationRequest prescription = new MedicationRequest();
        prescription.setId("rx-" + source);
        prescription.addIdentifier().setValue("RX-" + tag);
        prescription.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        prescription.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        prescription.setMedication(new CodeableConcept(new Coding("urn:oid:1.2.392.100495.20.2.74", "620004404", null)));
        prescription.setSubject(subject.copy());
        prescription.setRequester(doctor.copy());
        prescription.setAuthoredOnElement(new DateTimeType("2024-03-10"));
        prescription.addDosageInstruction().setText("1日1回 " + family + "様 朝食後").setPatientInstruction(note);
        prescription.addNote().setText(note);

        Claim claim = new Claim();
        claim.setId("claim-" + source);
        claim.addIdentifier().setValue("CLM-" + tag);
        claim.setStatus(Claim.ClaimStatus.ACTIVE);
        claim.setUse(Claim.Use.CLAIM);
        claim.setType(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/claim-type", "professional", null)));
        claim.setPatient(subject.copy());
        claim.setCreatedElement(new DateTimeType("2024-03-15"));
        claim.setProvider(org.copy());
        claim.setInsurer(new Reference().setIdentifier(new org.hl7.fhir.r4.model.Identifier().setValue(insurance)));
        claim.setPriority(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/processpriority", "normal", null)));
        claim.setBillablePeriod(new Period().setStartElement(new DateTimeType("2024-03-10"))
                .setEndElement(new DateTimeType("2024-03-10")));
        claim.addInsurance().setSequence(1).setFocal(true).setCoverage(new Reference("Coverage/cov-" + source))
                .setBusinessArrangement(insurance);
        claim.addItem().setSequence(1).setProductOrService(new CodeableConcept(new Coding("urn:oid:1.2.392.200119.4.403.1", "113000410", null)))
                .setNet(new Money().setValue(2880).setCurrency("JPY"));

        ExplanationOfBenefit eob = new ExplanationOfBenefit();
        eob.setId("eob-" + source);
        eob.addIdentifier().setValue("EOB-" + tag);
        eob.setStatus(ExplanationOfBenefit.ExplanationOfBenefitStatus.ACTIVE);
        eob.setPatient(subject.copy());
        eob.setClaim(new Reference("Claim/claim-" + source));
        eob.setCreatedElement(new DateTimeType("2024-04-01"));
        eob.setOutcome(ExplanationOfBenefit.RemittanceOutcome.COMPLETE);
        eob.setDisposition("paid to " + romaji);
        eob.getPayee().setParty(subject.copy());

        Practitioner doctorRecord = new Practitioner();
        doctorRecord.setId("pr-" + source);
        doctorRecord.addName().setText(practitioner);

        List<String> secrets = List.of(family, given, romaji, mrn, insurance, phone, street, postal, birthDate,
                note, practitioner, hospital, source, resident.toString(), "ENC-" + tag, "LAB-" + tag, "DX-" + tag,
                "RX-" + tag, "CLM-" + tag, "EOB-" + tag, "hospital.example", "千代田区");
        return new Person(resident, List.of(patient, encounter, observation, condition, prescription, claim, eob,
                doctorRecord), secrets);
    }

    private SyntheticCohort() {
    }
}
