package org.azukari.fhir.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.ConsentCategory;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.DataCategory;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release asks the decision point "at" the wall clock; an emergency opening (or a consent)
 * ends by that time. A wall clock set back after the end must not open it again. The decision
 * point here answers like the real one for an opening until a given instant
 * ({@code DefaultConsentDecisionPoint}: permit before {@code until}, {@code emergency-expired} from then on).
 */
class ReleaseClockTest {

    private static final Instant START = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path directory;

    /** The wall clock, set by hand. */
    private static final class WallClock extends Clock {
        volatile Instant now = START;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void anEmergencyOpeningThatEnded_staysEnded_whenTheWallClockIsSetBack() {
        WallClock wall = new WallClock();
        ReleaseWorld world = new ReleaseWorld(directory, wall);
        Instant until = START.plus(Duration.ofHours(1));
        world.decisions = question -> question.at().isBefore(until)
                ? new ConsentDecisionPoint.Permit(Set.of(ConsentCategory.all(DataCategory.MEDICAL)), List.of(),
                        ConsentDecisionPoint.PermitReason.EMERGENCY_ACCESS)
                : new ConsentDecisionPoint.Deny(ConsentDecisionPoint.DenyReason.EMERGENCY_EXPIRED);
        assertThat(world.everything("req-open").body()).isInstanceOf(Bundle.class);

        wall.now = until.plusSeconds(1);
        assertThatThrownBy(() -> world.everything("req-ended")).as("a jump forward ends it")
                .isInstanceOf(ReleaseRefusedException.class);

        wall.now = START;
        assertThatThrownBy(() -> world.everything("req-set-back")).as("a jump back does not open it again")
                .isInstanceOf(ReleaseRefusedException.class);
    }
}
