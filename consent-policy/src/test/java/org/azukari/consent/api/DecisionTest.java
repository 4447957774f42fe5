package org.azukari.consent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.azukari.consent.api.ConsentDecisionPoint.Decision;
import org.azukari.consent.api.ConsentDecisionPoint.Deny;
import org.azukari.consent.api.ConsentDecisionPoint.DenyReason;
import org.azukari.consent.api.ConsentDecisionPoint.Permit;
import org.azukari.consent.api.ConsentDecisionPoint.PermitReason;
import org.junit.jupiter.api.Test;

class DecisionTest {

    private static final ConsentCategory MEDICAL = ConsentCategory.all(DataCategory.MEDICAL);

    @Test
    void aDeny_releasesNothing_reliesOnNothing_andIsNeverAnEmergency() {
        Decision deny = new Deny(DenyReason.NEVER_SHARE);

        assertThat(deny.permit()).isFalse();
        assertThat(deny.releases(MEDICAL)).isFalse();
        assertThat(deny.permitted()).isEmpty();
        assertThat(deny.reliedOn()).isEmpty();
        assertThat(deny.emergency()).isFalse();
        assertThat(deny.reasonCode()).isEqualTo("never-share");
    }

    @Test
    void aPermit_isAnEmergencyExactlyWhenItsReasonNeededAnOpening() {
        assertThat(new Permit(Set.of(MEDICAL), List.of(), PermitReason.CONSENT).emergency()).isFalse();
        assertThat(new Permit(Set.of(MEDICAL), List.of(), PermitReason.EMERGENCY_ACCESS).emergency()).isTrue();
        assertThat(new Permit(Set.of(MEDICAL), List.of(), PermitReason.CONSENT_AND_EMERGENCY_ACCESS).emergency()).isTrue();
    }

    @Test
    void aPermitOfNothing_cannotBeMade() {
        assertThatThrownBy(() -> new Permit(Set.of(), List.of(), PermitReason.CONSENT))
                .hasMessageStartingWith("CP-0213");
    }

    @Test
    void everyReasonCode_isDistinct_andFitsTheAccessLogsReasonShape() {
        List<String> codes = Stream.concat(Arrays.stream(PermitReason.values()).map(PermitReason::code),
                Arrays.stream(DenyReason.values()).map(DenyReason::code)).toList();

        assertThat(codes).doesNotHaveDuplicates().allMatch(code -> code.matches("[a-z0-9][a-z0-9._-]{0,63}"));
    }
}
