package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.azukari.identity.people.PeopleFixture.CLINIC;
import static org.azukari.identity.people.PeopleFixture.HOSPITAL;
import static org.azukari.identity.people.PeopleFixture.WELLNESS;
import static org.azukari.identity.people.PeopleFixture.credentials;

import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.ProofingMethod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnrolmentLinkTest {

    private static final String MRN_SYSTEM = "urn:oid:1.2.392.100495.20.3.51.11234567";
    private static final String INSURANCE_SYSTEM = "urn:oid:1.2.392.100495.20.3.61";
    /** A marker MRN: if it is anywhere in the database files, the bank stored it in clear. */
    private static final String MRN = "MRN-MARKER-7f3a9c";

    @TempDir
    Path directory;

    private PeopleFixture fixture;
    private PeopleRegistry registry;
    private ResidentId hanako;
    private ResidentId taro;

    @BeforeEach
    void start() {
        fixture = new PeopleFixture(directory);
        registry = fixture.people.registry();
        hanako = registry.registerResident(credentials("hanako"), AssuranceLevel.HIGH,
                ProofingMethod.IN_PERSON_AT_CITY_OFFICE).resident().orElseThrow();
        taro = registry.registerEResident(credentials("e.taro"), AssuranceLevel.SUBSTANTIAL,
                ProofingMethod.EQUIVALENT_FOREIGN_EID).resident().orElseThrow();
    }

    @Test
    void findResidentByEnrolment_afterLinking_findsTheResident() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));

        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, MRN)).contains(hanako);
    }

    @Test
    void findResidentByEnrolment_atAnotherSourceOrSystemOrValue_findsNothing() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));

        assertThat(registry.findResidentByEnrolment(CLINIC, MRN_SYSTEM, MRN)).isEmpty();
        assertThat(registry.findResidentByEnrolment(HOSPITAL, INSURANCE_SYSTEM, MRN)).isEmpty();
        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, MRN + "0")).isEmpty();
        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, MRN.toLowerCase())).isEmpty();
        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, "not a valid\nvalue")).isEmpty();
    }

    @Test
    void linkEnrolment_ofTheSameIdentifierTwice_isIdempotent() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));

        assertThat(fixture.count("SELECT COUNT(*) FROM id_enrolment_link")).isEqualTo(1);
    }

    @Test
    void linkEnrolment_ofAnIdentifierAlreadyLinkedToAnotherResident_isRefused() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));

        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(taro, HOSPITAL, MRN_SYSTEM, MRN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("ID-0133")
                .message().doesNotContain(MRN);
        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, MRN)).contains(hanako);
    }

    @Test
    void linkEnrolment_ofTheSameNumberAtTwoSources_linksEachSeparately() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, "12345"));
        registry.linkEnrolment(new EnrolmentLink(taro, CLINIC, MRN_SYSTEM, "12345"));

        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, "12345")).contains(hanako);
        assertThat(registry.findResidentByEnrolment(CLINIC, MRN_SYSTEM, "12345")).contains(taro);
    }

    @Test
    void linkEnrolment_forAnUnknownResident_isRefused() {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(ResidentId.random(), HOSPITAL, MRN_SYSTEM,
                MRN))).hasMessage("ID-0132 unknown resident");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_enrolment_link")).isZero();
    }

    @Test
    void linkEnrolment_atAnUnknownOrganisation_isRefused() {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(hanako, new OrganisationId("ghost-hospital"),
                MRN_SYSTEM, MRN))).hasMessage("ID-0106 unknown organisation");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_enrolment_link")).isZero();
    }

    @Test
    void linkEnrolment_atAWellnessService_isRefused() {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(hanako, WELLNESS, MRN_SYSTEM, MRN)))
                .hasMessageStartingWith("ID-0134");
    }

    @ParameterizedTest
    @ValueSource(strings = {"123456789012", "1234 5678 9012", "1234-5678-9012", "１２３４５６７８９０１２"})
    void linkEnrolment_ofAMyNumber_isRefused(String value) {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, INSURANCE_SYSTEM, value)))
                .hasMessage("ID-0105 a 12-digit number is not accepted here");
        assertThat(fixture.count("SELECT COUNT(*) FROM id_enrolment_link")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " leading", "trailing ", "line\nbreak", "tab\tvalue", "zero\u200bwidth",
            "a-value-that-is-longer-than-sixty-four-characters-which-no-mrn-ever-is-x"})
    void linkEnrolment_ofMalformedValue_isRefusedWithoutEchoingIt(String value) {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, value)))
                .hasMessage("ID-0131 malformed identifier value");
    }

    @Test
    void aUuidWhoseLastGroupIsTwelveDigits_isNotAMyNumber_andLinks() {
        String mrn = "c60d49a9-1647-4e18-7c78-123456789012";
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, mrn));

        assertThat(registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, mrn)).contains(hanako);
    }

    @Test
    void aJapaneseInsuranceMemberId_withKanaAndFullWidthDigits_links_andIsFoundInEitherWidth() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, INSURANCE_SYSTEM, "00012345:あいう:１８７:05"));

        assertThat(registry.findResidentByEnrolment(HOSPITAL, INSURANCE_SYSTEM, "00012345:あいう:１８７:05"))
                .contains(hanako);
        assertThat(registry.findResidentByEnrolment(HOSPITAL, INSURANCE_SYSTEM, "00012345:あいう:187:05"))
                .contains(hanako);
        assertThat(fixture.count("SELECT COUNT(*) FROM id_enrolment_link WHERE identifier_hash LIKE '%あいう%'")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no-scheme", "urn:has space", "1urn:oid:1.2"})
    void linkEnrolment_ofMalformedSystem_isRefused(String system) {
        assertThatThrownBy(() -> registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, system, MRN)))
                .hasMessage("ID-0130 malformed identifier system");
    }

    @Test
    void identifierValue_isNeverInTheDatabaseFiles() {
        registry.linkEnrolment(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN));
        registry.linkEnrolment(new EnrolmentLink(taro, HOSPITAL, INSURANCE_SYSTEM, "INS-MARKER-51e2"));
        registry.findResidentByEnrolment(HOSPITAL, MRN_SYSTEM, MRN);
        fixture.shutdown();

        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), MRN_SYSTEM)).as("the scan sees stored data")
                .isNotEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), MRN)).isEmpty();
        assertThat(MarkerScan.hitsUnder(directory.resolve("db"), "INS-MARKER-51e2")).isEmpty();
    }

    @Test
    void identifierHash_dependsOnTheSecretKey() {
        String one = new EnrolmentIdentifiers(IdentitySecretKey.fromBase64(PeopleFixture.randomKey())
                .derive(IdentitySecretKey.ENROLMENT_HASH)).hash(MRN_SYSTEM, MRN);
        String other = new EnrolmentIdentifiers(IdentitySecretKey.fromBase64(PeopleFixture.randomKey())
                .derive(IdentitySecretKey.ENROLMENT_HASH)).hash(MRN_SYSTEM, MRN);

        assertThat(one).hasSize(64).isNotEqualTo(other);
    }

    @Test
    void toString_ofALink_hidesTheValue() {
        assertThat(new EnrolmentLink(hanako, HOSPITAL, MRN_SYSTEM, MRN).toString()).doesNotContain(MRN);
    }
}
