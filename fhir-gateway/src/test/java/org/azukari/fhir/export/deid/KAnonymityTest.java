package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.export.deid.DeidentificationProfile.QuasiIdentifier;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

class KAnonymityTest {

    static final DeidentificationProfile PROFILE = DeidentificationProfile.defaults();
    static final Deidentifier DEIDENTIFIER = new Deidentifier(PROFILE, SyntheticCohort.pseudonyms(),
            SyntheticCohort.TODAY);
    static final List<DeidentifiedPerson> COHORT = SyntheticCohort.people().stream()
            .map(p -> DEIDENTIFIER.deidentify(SyntheticCohort.SERVICE, p.resident(), p.released())).toList();

    /** Group sizes read back from the published Patients alone, as a recipient would. */
    static Map<List<String>, Long> publishedGroups(KAnonymousCohort cohort) {
        return cohort.resources().stream().filter(Patient.class::isInstance).map(Patient.class::cast)
                .collect(Collectors.groupingBy(patient -> List.of(
                        patient.getExtensionByUrl(Deidentifier.AGE_BAND_EXTENSION).getValue().primitiveValue(),
                        patient.getGender().toCode(), patient.getAddressFirstRep().getState()), Collectors.counting()));
    }

    @Test
    void enforce_syntheticCohort_publishesOnlyGroupsOfAtLeastK() {
        KAnonymousCohort published = KAnonymity.enforce(COHORT, PROFILE);

        assertThat(publishedGroups(published)).hasSize(3).allSatisfy((group, size) -> assertThat(size)
                .isGreaterThanOrEqualTo(PROFILE.k()));
        assertThat(published.people()).hasSize(COHORT.size() - SyntheticCohort.SUPPRESSED_AT_K5);
    }

    @Test
    void enforce_syntheticCohort_countsTheSuppressedPeopleAndRecordsForTheManifest() {
        KAnonymousCohort published = KAnonymity.enforce(COHORT, PROFILE);

        assertThat(published.suppression()).isEqualTo(new KAnonymousCohort.Suppression(5, 3,
                SyntheticCohort.SUPPRESSED_AT_K5, SyntheticCohort.SUPPRESSED_AT_K5 * SyntheticCohort.EXPORTED_PER_PERSON));
        int all = COHORT.stream().mapToInt(p -> p.resources().size()).sum();
        assertThat(published.resources()).hasSize(all - published.suppression().suppressedRecords());
    }

    @Test
    void enforce_groupOfExactlyK_isKeptAndOneOfKMinusOne_isSuppressed() {
        List<DeidentifiedPerson> people = new ArrayList<>();
        people.addAll(people(5, new QuasiIdentifiers("40-44", "female", "JP-東京都")));
        people.addAll(people(4, new QuasiIdentifiers("40-44", "male", "JP-東京都")));

        KAnonymousCohort published = KAnonymity.enforce(people, PROFILE);

        assertThat(published.people()).extracting(p -> p.quasiIdentifiers().gender()).containsOnly("female").hasSize(5);
        assertThat(published.suppression().suppressedPeople()).isEqualTo(4);
    }

    @Test
    void enforce_withAHigherK_suppressesMore() {
        KAnonymousCohort atFive = KAnonymity.enforce(COHORT, PROFILE);
        KAnonymousCohort atTen = KAnonymity.enforce(COHORT, PROFILE.withK(10));

        assertThat(atTen.people()).hasSize(10);
        assertThat(atTen.suppression().suppressedPeople()).isEqualTo(20)
                .isGreaterThan(atFive.suppression().suppressedPeople());
    }

    @Test
    void enforce_overFewerQuasiIdentifiers_mergesGroups() {
        Set<QuasiIdentifier> genderOnly = EnumSet.of(QuasiIdentifier.GENDER);

        KAnonymousCohort published = KAnonymity.enforce(COHORT, 5, genderOnly);

        Map<String, Long> byGender = published.people().stream()
                .collect(Collectors.groupingBy(p -> p.quasiIdentifiers().gender(), Collectors.counting()));
        assertThat(byGender).containsOnly(Map.entry("female", 16L), Map.entry("male", 12L));
        assertThat(published.suppression().suppressedPeople()).as("the two 'other'").isEqualTo(2);
    }

    @Test
    void enforce_everyoneUnique_suppressesEveryone() {
        List<DeidentifiedPerson> people = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            people.addAll(people(1, new QuasiIdentifiers(i * 5 + "-" + (i * 5 + 4), "female", "JP-東京都")));
        }

        KAnonymousCohort published = KAnonymity.enforce(people, PROFILE);

        assertThat(published.people()).isEmpty();
        assertThat(published.suppression()).isEqualTo(new KAnonymousCohort.Suppression(5, 0, 6, 6));
    }

    @Test
    void enforce_emptyCohort_publishesNothingAndSuppressesNothing() {
        KAnonymousCohort published = KAnonymity.enforce(List.of(), PROFILE);

        assertThat(published.people()).isEmpty();
        assertThat(published.suppression()).isEqualTo(new KAnonymousCohort.Suppression(5, 0, 0, 0));
    }

    @Test
    void enforce_samePersonTwice_isRefusedRatherThanCountedTwice() {
        List<DeidentifiedPerson> people = new ArrayList<>(people(4, new QuasiIdentifiers("40-44", "male", "JP-東京都")));
        people.add(people.get(0));

        assertThatThrownBy(() -> KAnonymity.enforce(people, PROFILE)).hasMessageStartingWith("FG-0907");
    }

    @Test
    void enforce_withKBelowTwo_isRefused() {
        assertThatThrownBy(() -> KAnonymity.enforce(COHORT, 1, PROFILE.quasiIdentifiers()))
                .hasMessageStartingWith("FG-0904");
    }

    private static List<DeidentifiedPerson> people(int count, QuasiIdentifiers quasiIdentifiers) {
        List<DeidentifiedPerson> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ResidentId resident = new ResidentId(UUID.nameUUIDFromBytes((quasiIdentifiers + "/" + i).getBytes()));
            people.add(new DeidentifiedPerson(SyntheticCohort.pseudonyms().pseudonym(SyntheticCohort.SERVICE, resident),
                    quasiIdentifiers, List.of(new Patient()), 0));
        }
        return people;
    }
}
