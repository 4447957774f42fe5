package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.indices.get_alias.IndexAliases;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import co.elastic.clients.elasticsearch._types.SortOrder;
import org.azukari.accesslog.FilterScene;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Indexing, searching, rebuilding and retention against the real Elasticsearch of {@code infra/test}. */
class ElasticsearchAccessLogSearchIT {

    private static final Instant JAN = Instant.parse("2026-01-15T10:00:00.000001Z");
    private static final Instant FEB = Instant.parse("2026-02-10T09:30:00.123456Z");
    private static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");

    private ItElasticsearch es;
    private InMemoryAccessLogOutbox outbox;
    private OutboxIndexer indexer;
    private ElasticsearchAccessLogSearch search;
    private final ResidentId hanako = ResidentId.random();
    private final ResidentId taro = ResidentId.random();

    @BeforeEach
    void setUp() {
        es = ItElasticsearch.shared();
        outbox = new InMemoryAccessLogOutbox();
        indexer = new OutboxIndexer(outbox, new ElasticsearchEntryWriter(es.client, es.names), es.settings.batchSize(),
                es.settings.pollInterval(), es.settings.maxBackoff());
        search = new ElasticsearchAccessLogSearch(es.client, es.names);
    }

    @AfterEach
    void tearDown() {
        indexer.stop();
        es.close();
    }

    /** Seven entries over three months, two residents, two clinics, two purposes, both decisions. */
    private List<LoggedEntry> logSome() throws IOException {
        List<LoggedEntry> logged = List.of(
                outbox.append(SampleEntries.read(hanako, "doctor-1", "clinic-a", "treatment", AccessDecision.PERMIT), JAN),
                outbox.append(SampleEntries.read(hanako, "doctor-2", "clinic-b", "health-advice", AccessDecision.DENY), JAN),
                outbox.append(SampleEntries.read(taro, "doctor-1", "clinic-a", "treatment", AccessDecision.PERMIT), FEB),
                outbox.append(SampleEntries.read(hanako, "doctor-1", "clinic-a", "treatment", AccessDecision.PERMIT), FEB),
                outbox.append(SampleEntries.read(taro, "doctor-2", "clinic-b", "treatment", AccessDecision.DENY), MAR),
                outbox.append(SampleEntries.read(hanako, "nurse-3", "clinic-b", "treatment", AccessDecision.PERMIT), MAR),
                outbox.append(SampleEntries.signIn(), MAR));
        assertThat(indexer.drain()).isEqualTo(7);
        es.refresh();
        return logged;
    }

    private static AccessLogQuery query(Optional<ResidentId> resident, Optional<String> actor, Optional<String> organisation,
                                        Optional<String> purpose, Optional<Instant> from, Optional<Instant> to,
                                        Optional<AccessDecision> decision) {
        return AccessLogQuery.builder().resident(resident).actorId(actor).organisation(organisation)
                .purpose(purpose.map(Purpose::new)).from(from).to(to).decision(decision).build();
    }

    private static List<Long> sequences(List<LoggedEntry> entries) {
        return entries.stream().map(LoggedEntry::sequence).toList();
    }

    @Test
    void indexedEntries_goToMonthlyIndicesBehindTheAlias_andComeBackEqual() throws IOException {
        List<LoggedEntry> logged = logSome();

        assertThat(es.indices()).containsExactly(es.names.monthly(YearMonth.of(2026, 1)),
                es.names.monthly(YearMonth.of(2026, 2)), es.names.monthly(YearMonth.of(2026, 3)));
        Map<String, IndexAliases> aliases = es.client.indices().getAlias(a -> a.index(es.names.pattern())).result();
        assertThat(aliases.values()).allSatisfy(a -> assertThat(a.aliases()).containsKey(es.names.alias()));
        assertThat(search.search(AccessLogQuery.forResident(hanako))).containsExactly(logged.get(5), logged.get(3),
                logged.get(1), logged.get(0));
    }

    @Test
    void search_byEachCriterion_findsExactlyTheMatchingEntries_newestFirst() throws IOException {
        logSome();

        assertThat(sequences(search.search(AccessLogQuery.forResident(taro)))).containsExactly(5L, 3L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.of("doctor-1"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())))).containsExactly(4L, 3L, 1L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.of("clinic-b"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())))).containsExactly(6L, 5L, 2L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("health-advice"),
                Optional.empty(), Optional.empty(), Optional.empty())))).containsExactly(2L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(AccessDecision.DENY))))).containsExactly(5L, 2L);
        assertThat(sequences(search.search(query(Optional.of(hanako), Optional.empty(), Optional.of("clinic-a"),
                Optional.of("treatment"), Optional.empty(), Optional.empty(), Optional.of(AccessDecision.PERMIT)))))
                .as("criteria combine with AND").containsExactly(4L, 1L);
        assertThat(sequences(search.search(query(Optional.of(ResidentId.random()), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))).as("a stranger").isEmpty();
        assertThat(sequences(search.search(query(Optional.empty(), Optional.of("doctor-*"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty())))).as("no wildcards").isEmpty();
    }

    @Test
    void search_byTimeRange_isHalfOpen_toTheMicrosecond() throws IOException {
        logSome();

        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(FEB), Optional.of(MAR), Optional.empty())))).containsExactly(4L, 3L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(FEB.plusNanos(1000)), Optional.empty(), Optional.empty())))).containsExactly(7L, 6L, 5L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(JAN.plusNanos(1000)), Optional.empty())))).containsExactly(2L, 1L);
        assertThat(sequences(search.search(query(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of(JAN), Optional.empty())))).isEmpty();
    }

    @Test
    void search_pages_newestFirst_withoutOverlap() throws IOException {
        logSome();

        AccessLogQuery threeAtATime = AccessLogQuery.builder().limit(3).build();
        List<Long> first = sequences(search.search(threeAtATime));
        List<Long> second = sequences(search.search(threeAtATime.olderThan(first.get(2))));
        List<Long> last = sequences(search.search(threeAtATime.olderThan(second.get(2))));

        assertThat(first).containsExactly(7L, 6L, 5L);
        assertThat(second).containsExactly(4L, 3L, 2L);
        assertThat(last).containsExactly(1L);
    }

    @Test
    void search_byClientActionEmergencyAndRequestId_findsExactlyTheMatchingEntries() throws IOException {
        List<LoggedEntry> logged = FilterScene.entries(hanako).stream().map(e -> outbox.append(e, FEB)).toList();
        assertThat(indexer.drain()).isEqualTo(6);
        es.refresh();

        FilterScene.assertFound(search, logged);
    }

    @Test
    void search_pastTenThousandHits_followsTheCursor_whereAnOffsetIsRefusedByTheIndex() throws IOException {
        int total = 10_050;
        for (int i = 0; i < total; i++) {
            outbox.append(SampleEntries.read(hanako, "doctor-1", "clinic-a", "treatment", AccessDecision.PERMIT), FEB);
        }
        assertThat(indexer.drain()).isEqualTo(total);
        es.refresh();
        assertThatThrownBy(() -> es.client.search(r -> r.index(es.names.alias()).from(10_000).size(50)
                .sort(o -> o.field(f -> f.field("sequence").order(SortOrder.Desc))), AccessLogDocument.class))
                .as("offset paging ends at index.max_result_window")
                .isInstanceOfSatisfying(co.elastic.clients.elasticsearch._types.ElasticsearchException.class,
                        e -> assertThat(e.error().rootCause()).anySatisfy(cause ->
                                assertThat(cause.reason()).contains("Result window is too large")));

        List<Long> seen = new ArrayList<>();
        AccessLogQuery page = AccessLogQuery.builder().resident(hanako).limit(AccessLogQuery.MAX_LIMIT).build();
        for (int pages = 0; pages < 12; pages++) {
            List<LoggedEntry> found = search.search(page);
            if (found.isEmpty()) {
                break;
            }
            found.forEach(l -> seen.add(l.sequence()));
            page = page.olderThan(found.get(found.size() - 1).sequence());
        }

        assertThat(seen).hasSize(total).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(seen.get(total - 1)).as("the oldest, 10,050th newest first").isEqualTo(1L);
        assertThat(sequences(search.search(AccessLogQuery.builder().before(3).build()))).containsExactly(2L, 1L);
    }

    @Test
    void search_beforeAnythingWasIndexed_findsNothing_ratherThanFailing() {
        assertThat(search.search(AccessLogQuery.forResident(hanako))).isEmpty();
    }

    @Test
    void theSameEntry_indexedTwice_isOneDocument() throws IOException {
        logSome();
        outbox.requeue(3);
        outbox.requeue(5);

        assertThat(indexer.drain()).isEqualTo(2);

        assertThat(es.count()).isEqualTo(7);
        assertThat(indexer.rebuild()).isEqualTo(7);
        assertThat(es.count()).as("a rebuild over a full index adds nothing").isEqualTo(7);
    }

    @Test
    void aDocumentTheTemplateDoesNotKnow_isRefusedByTheStrictMapping() throws IOException {
        logSome();

        assertThatThrownBy(() -> es.client.index(i -> i.index(es.names.monthly(JAN)).id("x")
                .document(Map.of("sequence", 99, "name", "Taro Yamada"))))
                .isInstanceOf(co.elastic.clients.elasticsearch._types.ElasticsearchException.class)
                .hasMessageContaining("strict_dynamic_mapping_exception");
    }

    @Test
    void search_overADocumentTamperedInTheIndex_failsUnavailable_ratherThanShowingIt() throws IOException {
        List<LoggedEntry> logged = logSome();
        LoggedEntry target = logged.get(0);
        es.client.update(u -> u.index(es.names.monthly(target.at())).id(target.entryId().toString())
                .doc(Map.of("resident", "Taro Yamada")).refresh(co.elastic.clients.elasticsearch._types.Refresh.True),
                AccessLogDocument.class);

        assertThat(sequences(search.search(AccessLogQuery.forResident(hanako))))
                .as("the copy is not tamper-evident: the hash-chained log is").containsExactly(6L, 4L, 2L);
        assertThatThrownBy(() -> search.search(query(Optional.empty(), Optional.of("doctor-1"), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageContaining(target.entryId().toString())
                .hasMessageNotContaining("Taro");
    }

    @Test
    void rebuild_afterTheIndicesWereDeleted_restoresEveryEntry() throws IOException {
        List<LoggedEntry> logged = logSome();
        es.deleteIndices();
        assertThat(search.search(AccessLogQuery.forResident(hanako))).isEmpty();

        assertThat(indexer.rebuild()).isEqualTo(7);
        es.refresh();

        assertThat(es.count()).isEqualTo(7);
        assertThat(search.search(AccessLogQuery.forResident(hanako))).containsExactly(logged.get(5), logged.get(3),
                logged.get(1), logged.get(0));
    }

    @Test
    void retention_withAClockTenYearsOn_deletesOnlyWholeMonthsPastIt() throws IOException {
        for (YearMonth month : List.of(YearMonth.of(2016, 1), YearMonth.of(2016, 10), YearMonth.of(2016, 11), YearMonth.of(2016, 12))) {
            outbox.append(SampleEntries.read(hanako, "doctor-1", "clinic-a", "treatment", AccessDecision.PERMIT),
                    month.atDay(15).atStartOfDay(ZoneOffset.UTC).toInstant());
        }
        indexer.drain();
        es.refresh();
        es.client.indices().create(c -> c.index(es.names.prefix() + "-2016.01-restored"));
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T15:00:00Z"), ZoneOffset.UTC);

        List<String> deleted = new IndexRetention(es.client, es.names, Period.ofYears(10), clock).apply();

        assertThat(deleted).containsExactly(es.names.monthly(YearMonth.of(2016, 1)), es.names.monthly(YearMonth.of(2016, 10)));
        assertThat(es.indices()).containsExactly(es.names.prefix() + "-2016.01-restored",
                es.names.monthly(YearMonth.of(2016, 11)), es.names.monthly(YearMonth.of(2016, 12)));
        assertThat(sequences(search.search(AccessLogQuery.forResident(hanako)))).containsExactly(4L, 3L);
        assertThat(new IndexRetention(es.client, es.names, Period.ofYears(10), clock).apply()).as("idempotent").isEmpty();
    }

    @Test
    void search_whenElasticsearchIsUnreachable_failsUnavailable_notEmpty() {
        try (ItElasticsearch nowhere = ItElasticsearch.at("http://127.0.0.1:1")) {
            ElasticsearchAccessLogSearch unreachable = new ElasticsearchAccessLogSearch(nowhere.client, nowhere.names);

            assertThatThrownBy(() -> unreachable.search(AccessLogQuery.forResident(hanako)))
                    .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110 ")
                    .hasMessageNotContaining(hanako.toString());
        }
    }
}
