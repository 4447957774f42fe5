package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.release.Pseudonyms;
import org.azukari.identity.api.OrganisationId;
import org.junit.jupiter.api.Test;

class ServicePseudonymsTest {

    static final OrganisationId SERVICE = SyntheticCohort.SERVICE;
    static final OrganisationId OTHER = SyntheticCohort.OTHER_SERVICE;
    static final List<ResidentId> RESIDENTS = java.util.stream.IntStream.range(0, 200)
            .mapToObj(i -> new ResidentId(UUID.nameUUIDFromBytes(("r" + i).getBytes()))).toList();

    final ServicePseudonyms pseudonyms = SyntheticCohort.pseudonyms();

    @Test
    void pseudonym_sameServiceAndResident_isStableAcrossInstances() {
        ServicePseudonyms again = new ServicePseudonyms(SyntheticCohort.secrets("bank-one"));

        for (ResidentId resident : RESIDENTS) {
            assertThat(again.pseudonym(SERVICE, resident)).isEqualTo(pseudonyms.pseudonym(SERVICE, resident));
        }
    }

    @Test
    void pseudonym_anotherService_sharesNoPseudonymWithTheFirst() {
        Set<ServicePseudonym> first = new HashSet<>();
        Set<ServicePseudonym> other = new HashSet<>();
        for (ResidentId resident : RESIDENTS) {
            first.add(pseudonyms.pseudonym(SERVICE, resident));
            other.add(pseudonyms.pseudonym(OTHER, resident));
        }

        assertThat(first).hasSize(RESIDENTS.size()).doesNotContainAnyElementsOf(other);
    }

    @Test
    void pseudonym_anotherBanksKey_differs() {
        ServicePseudonyms foreign = new ServicePseudonyms(SyntheticCohort.secrets("bank-two"));

        assertThat(foreign.pseudonym(SERVICE, RESIDENTS.get(0))).isNotEqualTo(pseudonyms.pseudonym(SERVICE, RESIDENTS.get(0)));
    }

    @Test
    void pseudonym_ofAServiceThatIsAlsoAClinicRecipient_differsFromItsClinicPseudonym() {
        Pseudonyms clinic = new Pseudonyms(SyntheticCohort.secrets("bank-one"));

        assertThat(pseudonyms.pseudonym(SERVICE, RESIDENTS.get(0)).value())
                .isNotEqualTo(clinic.of(SERVICE.value(), RESIDENTS.get(0)).value());
    }

    @Test
    void pseudonym_neverContainsTheResidentId() {
        ResidentId resident = RESIDENTS.get(0);

        assertThat(pseudonyms.pseudonym(SERVICE, resident).value()).matches("[a-z2-7]{26}")
                .doesNotContain(resident.value().toString().substring(0, 8));
    }

    @Test
    void recordId_isStableForOneServiceAndDiffersForAnother() {
        ResidentId resident = RESIDENTS.get(0);
        String id = pseudonyms.recordId(SERVICE, resident, "Observation", "obs-1");

        assertThat(id).matches("[a-z2-7]{26}").isEqualTo(pseudonyms.recordId(SERVICE, resident, "Observation", "obs-1"));
        assertThat(pseudonyms.recordId(OTHER, resident, "Observation", "obs-1")).isNotEqualTo(id);
        assertThat(pseudonyms.recordId(SERVICE, resident, "Condition", "obs-1")).isNotEqualTo(id);
    }

    @Test
    void recordId_ofTwoResidentsRecordsWithTheSameSourceId_differs() {
        assertThat(pseudonyms.recordId(SERVICE, RESIDENTS.get(0), "Observation", "1"))
                .isNotEqualTo(pseudonyms.recordId(SERVICE, RESIDENTS.get(1), "Observation", "1"));
    }

    @Test
    void shiftDays_isWithinTheBoundAndNeverZero() {
        Set<Integer> seen = new HashSet<>();
        for (ResidentId resident : RESIDENTS) {
            int days = pseudonyms.shiftDays(SERVICE, resident, 30);
            assertThat(Math.abs(days)).isBetween(1, 30);
            seen.add(days);
        }
        assertThat(seen).as("both directions, many values").hasSizeGreaterThan(30)
                .anyMatch(d -> d < 0).anyMatch(d -> d > 0);
    }

    @Test
    void shiftDays_isStableForOneServiceAndIndependentForAnother() {
        int differing = 0;
        for (ResidentId resident : RESIDENTS) {
            assertThat(pseudonyms.shiftDays(SERVICE, resident, 182)).isEqualTo(pseudonyms.shiftDays(SERVICE, resident, 182));
            if (pseudonyms.shiftDays(SERVICE, resident, 182) != pseudonyms.shiftDays(OTHER, resident, 182)) {
                differing++;
            }
        }
        assertThat(differing).isGreaterThan(RESIDENTS.size() * 9 / 10);
    }

    @Test
    void construct_withAShortKey_fails() {
        assertThatThrownBy(() -> new ServicePseudonyms(new byte[8], new byte[32], new byte[32]))
                .hasMessageStartingWith("FG-0912");
    }

    @Test
    void shiftDays_withAZeroBound_fails() {
        assertThatThrownBy(() -> pseudonyms.shiftDays(SERVICE, RESIDENTS.get(0), 0)).hasMessageStartingWith("FG-0911");
    }

    @Test
    void servicePseudonym_malformed_fails() {
        assertThatThrownBy(() -> new ServicePseudonym("Patient/123")).hasMessageStartingWith("FG-0910");
        assertThatThrownBy(() -> new ServicePseudonym("abc")).hasMessageStartingWith("FG-0910");
    }
}
