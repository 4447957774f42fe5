package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.export.deid.DeidentificationProfile.LocationGeneralisation;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class DeidentifierPatientTest {

    static final ResidentId RESIDENT = new ResidentId(UUID.fromString("11111111-2222-3333-4444-555555555555"));

    static QuasiIdentifiers quasiIdentifiers(DeidentificationProfile profile, Patient patient) {
        return new Deidentifier(profile, SyntheticCohort.pseudonyms(), SyntheticCohort.TODAY)
                .deidentify(SyntheticCohort.SERVICE, RESIDENT, List.of(patient)).quasiIdentifiers();
    }

    static Patient bornOn(String date) {
        Patient patient = new Patient();
        patient.setBirthDateElement(new DateType(date));
        return patient;
    }

    static Patient livingAt(Address address) {
        Patient patient = new Patient();
        patient.addAddress(address);
        return patient;
    }

    static String ageBand(DeidentificationProfile profile, String birthDate) {
        return quasiIdentifiers(profile, bornOn(birthDate)).ageBand();
    }

    @Test
    void ageBand_ofFiveYears_countsTheAgeOnTheReferenceDate() {
        DeidentificationProfile profile = DeidentificationProfile.defaults();

        assertThat(ageBand(profile, "1982-12-04")).isEqualTo("40-44");
        assertThat(ageBand(profile, "1981-12-05")).as("44 the day before the 45th birthday").isEqualTo("40-44");
        assertThat(ageBand(profile, "1981-12-04")).isEqualTo("45-49");
        assertThat(ageBand(profile, "2026-01-01")).isEqualTo("0-4");
    }

    @Test
    void ageBand_ofTenYears_widensTheBands() {
        assertThat(ageBand(DeidentificationProfile.defaults().withAgeBands(10, 90), "1981-12-04")).isEqualTo("40-49");
    }

    @Test
    void ageBand_atOrAboveTheTop_isOneOpenBand() {
        DeidentificationProfile profile = DeidentificationProfile.defaults();

        assertThat(ageBand(profile, "1936-12-04")).isEqualTo("90+");
        assertThat(ageBand(profile, "1915-01-01")).isEqualTo("90+");
        assertThat(ageBand(profile, "1936-12-05")).isEqualTo("85-89");
        assertThat(ageBand(profile.withAgeBands(10, 80), "1940-01-01")).isEqualTo("80+");
    }

    @Test
    void ageBand_ofABirthDateKnownToTheYearOrMonth_countsFromItsFirstDay() {
        DeidentificationProfile profile = DeidentificationProfile.defaults();

        assertThat(ageBand(profile, "1981")).isEqualTo("45-49");
        assertThat(ageBand(profile, "1981-12")).isEqualTo("45-49");
    }

    @Test
    void ageBand_withoutABirthDateOrBornAfterTheReferenceDate_isUnknown() {
        assertThat(quasiIdentifiers(DeidentificationProfile.defaults(), new Patient()).ageBand()).isEqualTo("unknown");
        assertThat(ageBand(DeidentificationProfile.defaults(), "2027-01-01")).isEqualTo("unknown");
    }

    @Test
    void location_postalArea_keepsTheCountryAndThreeDigits() {
        Address address = new Address().setPostalCode("１００－０００５").addLine("丸の内1-1").setCity("千代田区");

        QuasiIdentifiers qi = quasiIdentifiers(DeidentificationProfile.defaults()
                .withLocation(LocationGeneralisation.POSTAL_AREA), livingAt(address));

        assertThat(qi.location()).isEqualTo("JP-100");
    }

    @Test
    void location_prefecture_acceptsANameOrAJisCode() {
        DeidentificationProfile profile = DeidentificationProfile.defaults();

        assertThat(quasiIdentifiers(profile, livingAt(new Address().setState("福島県").setCountry("日本"))).location())
                .isEqualTo("JP-福島県");
        assertThat(quasiIdentifiers(profile, livingAt(new Address().setState("13").setCountry("JP"))).location())
                .isEqualTo("JP-東京都");
    }

    @Test
    void location_stateThatIsNotAPrefecture_isDropped() {
        Address address = new Address().setState("丸の内1-1 山田様方").setCountry("JP");

        assertThat(quasiIdentifiers(DeidentificationProfile.defaults(), livingAt(address)).location()).isEqualTo("JP");
    }

    @Test
    void location_abroad_keepsOnlyTheCountryCode() {
        Address address = new Address().setCountry("us").setState("CA").setPostalCode("94105");

        assertThat(quasiIdentifiers(DeidentificationProfile.defaults().withLocation(LocationGeneralisation.POSTAL_AREA),
                livingAt(address)).location()).isEqualTo("US");
    }

    @Test
    void location_countryInFreeText_isNotKept() {
        Address address = new Address().setCountry("c/o Yamada, Springfield");

        assertThat(quasiIdentifiers(DeidentificationProfile.defaults(), livingAt(address)).location()).isEqualTo("unknown");
    }

    @Test
    void location_dropped_leavesNoAddress() {
        Patient patient = livingAt(new Address().setState("東京都").setCountry("JP"));

        DeidentifiedPerson person = new Deidentifier(DeidentificationProfile.defaults().withLocation(LocationGeneralisation.DROP),
                SyntheticCohort.pseudonyms(), SyntheticCohort.TODAY).deidentify(SyntheticCohort.SERVICE, RESIDENT,
                List.of(patient));

        assertThat(DeidentifierTest.only(person, Patient.class).hasAddress()).isFalse();
        assertThat(person.quasiIdentifiers().location()).isEqualTo("unknown");
    }

    @Test
    void location_prefersTheHomeAddressAndIgnoresOldOnes() {
        Patient patient = new Patient();
        patient.addAddress().setUse(Address.AddressUse.OLD).setState("沖縄県");
        patient.addAddress().setUse(Address.AddressUse.WORK).setState("大阪府");
        patient.addAddress().setUse(Address.AddressUse.HOME).setState("北海道");

        assertThat(quasiIdentifiers(DeidentificationProfile.defaults(), patient).location()).isEqualTo("JP-北海道");
    }
}
