package org.azukari.consent.notices.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.BreachNotice;
import org.azukari.consent.api.BreachNotices;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.testing.ConsentWorld;
import org.junit.jupiter.api.Test;

/** Breach notices over the migrated H2 schema and a recording access log. */
class JdbcBreachNoticesTest {

    private final ConsentWorld world = new ConsentWorld();
    private final JdbcBreachNotices notices = new JdbcBreachNotices(world.dataSource, world.log, world.clock);
    private final AccessActor operator = new AccessActor(AccessActor.Kind.OPERATOR, "op-1", Optional.empty(), Optional.empty());
    private final ResidentId other = ResidentId.random();

    private BreachNotice notice(String incident, ResidentId resident) {
        return new BreachNotice(incident, resident, Optional.of("clinic-a"), ConsentWorld.START.minus(Duration.ofDays(2)),
                ConsentWorld.START.minus(Duration.ofDays(1)), Set.of(DataCategory.MEDICAL), 3, ConsentWorld.START);
    }

    @Test
    void notifyAll_storesEachNotice_withItsAccessLogEntry_andEachResidentReadsOnlyTheirOwn() {
        int told = notices.notifyAll(List.of(notice("INC-1", world.resident), notice("INC-1", other)), operator);

        assertThat(told).isEqualTo(2);
        assertThat(notices.forResident(world.resident)).singleElement().satisfies(n -> {
            assertThat(n.incident()).isEqualTo("INC-1");
            assertThat(n.records()).isEqualTo(3);
            assertThat(n.categories()).containsExactly(DataCategory.MEDICAL);
            assertThat(n.organisation()).contains("clinic-a");
        });
        assertThat(world.log.entries).hasSize(2).allSatisfy(e -> {
            assertThat(e.action()).isEqualTo(AccessAction.NOTICE);
            assertThat(e.reason()).isEqualTo(BreachNotices.REASON);
            assertThat(e.requestId()).isEqualTo("INC-1");
            assertThat(e.actor()).isEqualTo(operator);
        });
    }

    @Test
    void notifyingAgainAboutTheSameIncident_tellsNobodyTwice_butANewIncidentIsTold() {
        notices.notifyAll(List.of(notice("INC-1", world.resident)), operator);

        assertThat(notices.notifyAll(List.of(notice("INC-1", world.resident), notice("INC-1", other)), operator))
                .isEqualTo(1);
        assertThat(notices.notifyAll(List.of(notice("INC-2", world.resident)), operator)).isEqualTo(1);
        assertThat(notices.forResident(world.resident)).hasSize(2);
        assertThat(world.log.entries).hasSize(3);
    }

    @Test
    void whileTheAccessLogIsDown_nothingIsStored_andTheCallerIsTold() {
        world.log.down = true;

        assertThatThrownBy(() -> notices.notifyAll(List.of(notice("INC-1", world.resident), notice("INC-1", other)),
                operator)).isInstanceOf(AccessLogUnavailableException.class);
        assertThat(world.rows("cp_breach_notice")).isZero();
        assertThat(notices.forResident(world.resident)).isEmpty();
    }

    @Test
    void aMalformedIncident_orAnEmptyWindow_isRefusedBeforeAnythingIsStored() {
        assertThatThrownBy(() -> notice("no spaces", world.resident)).hasMessageStartingWith("CP-0160");
        assertThatThrownBy(() -> new BreachNotice("INC-1", world.resident, Optional.empty(), ConsentWorld.START,
                ConsentWorld.START, Set.of(), 0, ConsentWorld.START)).hasMessageStartingWith("CP-0161");
    }
}
