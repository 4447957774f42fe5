package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.accesslog.testing.ElasticsearchNode;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A private Elasticsearch node, really stopped and started again on the same data: entries
 * appended meanwhile wait in the outbox, and once it is back the running indexer catches up,
 * each entry indexed exactly once.
 */
class IndexingDuringOutageIT {

    private static ElasticsearchNode node;
    private static ItElasticsearch es;

    @BeforeAll
    static void startNode() {
        node = ElasticsearchNode.startFresh(Path.of(ItElasticsearch.requiredEnv("AZUKARI_IT_ES_HOME")),
                ItElasticsearch.requiredEnv("AZUKARI_IT_ES_USER"));
        es = ItElasticsearch.at(node.url().toString());
    }

    @AfterAll
    static void stopNode() {
        try {
            if (es != null) {
                es.close();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void entriesAppendedWhileElasticsearchIsStopped_waitInTheOutbox_andAreIndexedOnceWhenItReturns() throws IOException {
        InMemoryAccessLogOutbox outbox = new InMemoryAccessLogOutbox();
        OutboxIndexer indexer = new OutboxIndexer(outbox, new ElasticsearchEntryWriter(es.client, es.names),
                50, Duration.ofMillis(50), Duration.ofSeconds(2));
        ElasticsearchAccessLogSearch search = new ElasticsearchAccessLogSearch(es.client, es.names);
        ResidentId resident = ResidentId.random();
        List<LoggedEntry> logged = new ArrayList<>();
        indexer.start();
        try {
            for (int i = 0; i < 20; i++) {
                logged.add(outbox.append(SampleEntries.read(resident, "doctor-" + i, "clinic-a", "treatment", AccessDecision.PERMIT)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> outbox.pendingCount() == 0);
            assertThat(es.count()).isEqualTo(20);

            node.stop();
            long failuresBefore = indexer.failedAttempts();
            for (int i = 0; i < 130; i++) {
                logged.add(outbox.append(SampleEntries.read(resident, "nurse-" + i, "clinic-b", "treatment", AccessDecision.DENY)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> indexer.failedAttempts() >= failuresBefore + 3);
            assertThat(outbox.pendingCount()).as("nothing acknowledged while stopped").isEqualTo(130);

            node.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> outbox.pendingCount() == 0);
        } finally {
            indexer.stop();
        }

        assertThat(es.count()).isEqualTo(150);
        SearchResponse<AccessLogDocument> all = es.client.search(s -> s.index(es.names.alias()).size(1000),
                AccessLogDocument.class);
        List<String> ids = all.hits().hits().stream().map(Hit::id).toList();
        assertThat(ids).doesNotHaveDuplicates().hasSize(150);
        Set<String> expected = logged.stream().map(e -> e.entryId().toString()).collect(Collectors.toSet());
        assertThat(Set.copyOf(ids)).isEqualTo(expected);
        assertThat(search.search(AccessLogQuery.builder().resident(resident).limit(1000).build())).hasSize(150).first().isEqualTo(logged.get(149));
    }
}
