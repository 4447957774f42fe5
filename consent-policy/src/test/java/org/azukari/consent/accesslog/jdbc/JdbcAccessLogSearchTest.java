package org.azukari.consent.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.azukari.consent.accesslog.Entries;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcAccessLogSearchTest {

    @TempDir
    Path directory;

    @Test
    void search_forAResident_findsOnlyTheirs_newestFirst_inPages() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        ResidentId mine = ResidentId.random();
        ResidentId other = ResidentId.random();
        for (int i = 1; i <= 5; i++) {
            fixture.log.append(Entries.read(mine, i));
            fixture.log.append(Entries.read(other, i));
        }
        JdbcAccessLogSearch search = new JdbcAccessLogSearch(fixture.runtime);

        assertThat(search.search(AccessLogQuery.forResident(mine))).extracting(LoggedEntry::sequence)
                .containsExactly(9L, 7L, 5L, 3L, 1L);
        assertThat(search.search(AccessLogQuery.builder().resident(mine).before(7).limit(2).build())).extracting(LoggedEntry::sequence)
                .containsExactly(5L, 3L);
        assertThat(search.search(AccessLogQuery.forResident(mine))).allSatisfy(e -> assertThat(e.entry().resident()).contains(mine));
    }

    @Test
    void search_byDecisionPurposeOrganisationAndTime_combinesWithAnd() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        ResidentId resident = ResidentId.random();
        fixture.log.append(Entries.read(resident, 1, AccessDecision.DENY));
        fixture.clock.advance(Duration.ofHours(1));
        LoggedEntry later = fixture.log.append(Entries.read(resident, 2, AccessDecision.DENY));
        fixture.log.append(Entries.read(resident, 3));
        JdbcAccessLogSearch search = new JdbcAccessLogSearch(fixture.runtime);

        assertThat(search.search(AccessLogQuery.builder().actorId("clinic-7").organisation("org-3")
                .purpose(new Purpose("treatment")).from(later.at()).decision(AccessDecision.DENY).limit(10).build())).containsExactly(later);
        assertThat(search.search(AccessLogQuery.builder().organisation("org-9").limit(10).build())).isEmpty();
    }
}
