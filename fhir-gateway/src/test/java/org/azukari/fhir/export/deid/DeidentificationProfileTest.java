package org.azukari.fhir.export.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import org.azukari.fhir.export.deid.DeidentificationProfile.DateHandling;
import org.azukari.fhir.export.deid.DeidentificationProfile.LocationGeneralisation;
import org.azukari.fhir.export.deid.DeidentificationProfile.QuasiIdentifier;
import org.junit.jupiter.api.Test;

class DeidentificationProfileTest {

    final DeidentificationProfile defaults = DeidentificationProfile.defaults();

    @Test
    void defaults_areMonthFiveYearBandsToNinetyPrefectureAndKFiveOverAllQuasiIdentifiers() {
        assertThat(defaults.dates()).isEqualTo(DateHandling.GENERALISE_MONTH);
        assertThat(defaults.ageBandYears()).isEqualTo(5);
        assertThat(defaults.topAgeBand()).isEqualTo(90);
        assertThat(defaults.location()).isEqualTo(LocationGeneralisation.PREFECTURE);
        assertThat(defaults.k()).isEqualTo(5);
        assertThat(defaults.quasiIdentifiers()).containsExactlyInAnyOrder(QuasiIdentifier.values());
    }

    @Test
    void k_belowTwo_isRefused() {
        assertThatThrownBy(() -> defaults.withK(1)).hasMessageStartingWith("FG-0904");
        assertThatThrownBy(() -> defaults.withK(0)).hasMessageStartingWith("FG-0904");
    }

    @Test
    void ageBands_otherThanFiveOrTenYears_areRefused() {
        assertThatThrownBy(() -> defaults.withAgeBands(1, 90)).hasMessageStartingWith("FG-0902");
        assertThatThrownBy(() -> defaults.withAgeBands(7, 84)).hasMessageStartingWith("FG-0902");
    }

    @Test
    void topAgeBand_aboveNinetyOrOffABoundary_isRefused() {
        assertThatThrownBy(() -> defaults.withAgeBands(5, 95)).hasMessageStartingWith("FG-0903");
        assertThatThrownBy(() -> defaults.withAgeBands(10, 85)).hasMessageStartingWith("FG-0903");
        assertThat(defaults.withAgeBands(10, 80).topAgeBand()).isEqualTo(80);
    }

    @Test
    void shift_ofZeroOrMoreThanAYear_isRefused() {
        assertThatThrownBy(() -> defaults.withShift(0)).hasMessageStartingWith("FG-0901");
        assertThatThrownBy(() -> defaults.withShift(400)).hasMessageStartingWith("FG-0901");
        assertThat(defaults.withShift(30).dates()).isEqualTo(DateHandling.SHIFT);
    }

    @Test
    void droppedLocation_checkedAsAQuasiIdentifier_isRefused() {
        assertThatThrownBy(() -> new DeidentificationProfile(DateHandling.SHIFT, 30, 5, 90, LocationGeneralisation.DROP,
                5, EnumSet.allOf(QuasiIdentifier.class))).hasMessageStartingWith("FG-0906");
    }

    @Test
    void withLocationDropped_stopsCheckingLocation() {
        assertThat(defaults.withLocation(LocationGeneralisation.DROP).quasiIdentifiers())
                .containsExactlyInAnyOrder(QuasiIdentifier.AGE_BAND, QuasiIdentifier.GENDER);
    }

    @Test
    void noQuasiIdentifiers_isRefused() {
        assertThatThrownBy(() -> defaults.withQuasiIdentifiers(Set.of())).hasMessageStartingWith("FG-0905");
    }

    @Test
    void quasiIdentifiers_cannotBeChangedAfterConstruction() {
        Set<QuasiIdentifier> checked = EnumSet.of(QuasiIdentifier.GENDER);
        DeidentificationProfile profile = defaults.withQuasiIdentifiers(checked);

        checked.add(QuasiIdentifier.AGE_BAND);

        assertThat(profile.quasiIdentifiers()).containsExactly(QuasiIdentifier.GENDER);
    }
}
