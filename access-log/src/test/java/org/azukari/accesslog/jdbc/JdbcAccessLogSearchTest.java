package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.azukari.accesslog.Entries;
import org.azukari.accesslog.FilterScene;
import org.azukari.consent.api.AccessLogEntry;
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

    @Test
    void search_byClientActionEmergencyAndRequestId_findsExactlyTheMatchingEntries() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        List<LoggedEntry> logged = fixture.log.appendAll(FilterScene.entries(ResidentId.random()));

        FilterScene.assertFound(new JdbcAccessLogSearch(fixture.runtime), logged);
    }

    @Test
    void search_pagesByCursor_newestFirst_withoutOverlapOrGap() {
        LogFixture fixture = LogFixture.h2(directory, 1000);
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= 7; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        JdbcAccessLogSearch search = new JdbcAccessLogSearch(fixture.runtime);
        AccessLogQuery threeAtATime = AccessLogQuery.builder().resident(resident).limit(3).build();

        List<LoggedEntry> first = search.search(threeAtATime);
        List<LoggedEntry> second = search.search(threeAtATime.olderThan(first.get(2).sequence()));
        List<LoggedEntry> last = search.search(threeAtATime.olderThan(second.get(2).sequence()));

        assertThat(first).extracting(LoggedEntry::sequence).containsExactly(7L, 6L, 5L);
        assertThat(second).extracting(LoggedEntry::sequence).containsExactly(4L, 3L, 2L);
        assertThat(last).extracting(LoggedEntry::sequence).containsExactly(1L);
    }

    @Test
    void search_reachesEntriesPastTheTenThousandth_byFollowingTheCursor() {
        LogFixture fixture = LogFixture.h2(directory, 100_000);
        ResidentId resident = ResidentId.random();
        List<AccessLogEntry> batch = IntStream.rangeClosed(1, 1005).mapToObj(i -> Entries.read(resident, i)).toList();
        for (int i = 0; i < 10; i++) {
            fixture.log.appendAll(batch);
        }
        JdbcAccessLogSearch search = new JdbcAccessLogSearch(fixture.runtime);

        List<Long> seen = new ArrayList<>();
        AccessLogQuery page = AccessLogQuery.builder().resident(resident).limit(AccessLogQuery.MAX_LIMIT).build();
        for (int pages = 0; pages < 12; pages++) {
            List<LoggedEntry> found = search.search(page);
            if (found.isEmpty()) {
                break;
            }
            found.forEach(l -> seen.add(l.sequence()));
            page = page.olderThan(found.get(found.size() - 1).sequence());
        }

        assertThat(seen).hasSize(10_050).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(seen.get(10_049)).as("the oldest, 10,050th newest first").isEqualTo(1L);
    }
}
