package org.azukari.accesslog.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.accesslog.testing.InMemoryAccessLogOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxIndexerTest {

    /** An index in memory that can be switched off, or made to refuse given sequences. */
    static final class FakeIndex implements EntryWriter {
        final Map<UUID, LoggedEntry> documents = new LinkedHashMap<>();
        final List<Integer> bulkSizes = new ArrayList<>();
        volatile boolean down;
        volatile Set<Long> refused = Set.of();
        int prepared;

        @Override
        public synchronized void prepare() throws IOException {
            if (down) {
                throw new ConnectException("Connection refused");
            }
            prepared++;
        }

        @Override
        public synchronized Set<Long> write(List<LoggedEntry> entries) throws IOException {
            if (down) {
                throw new ConnectException("Connection refused");
            }
            bulkSizes.add(entries.size());
            Set<Long> ok = new HashSet<>();
            for (LoggedEntry entry : entries) {
                if (!refused.contains(entry.sequence())) {
                    documents.put(entry.entryId(), entry);
                    ok.add(entry.sequence());
                }
            }
            return ok;
        }

        synchronized int size() {
            return documents.size();
        }
    }

    private final InMemoryAccessLogOutbox outbox = new InMemoryAccessLogOutbox();
    private final FakeIndex index = new FakeIndex();
    private final OutboxIndexer indexer = new OutboxIndexer(outbox, index, 10, Duration.ofMillis(10), Duration.ofMillis(100));

    @AfterEach
    void stop() {
        indexer.stop();
    }

    private void append(int n) {
        for (int i = 0; i < n; i++) {
            outbox.append(SampleEntries.read(ResidentId.random(), "doctor-" + i, "clinic-a", "treatment", AccessDecision.PERMIT));
        }
    }

    @Test
    void drain_indexesInBatches_andEmptiesTheOutbox() throws IOException {
        append(25);

        assertThat(indexer.drain()).isEqualTo(25);

        assertThat(index.size()).isEqualTo(25);
        assertThat(index.bulkSizes).containsExactly(10, 10, 5);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(index.prepared).as("template installed before the first write").isEqualTo(1);
    }

    @Test
    void drain_whileTheIndexIsDown_acknowledgesNothing() {
        append(5);
        index.down = true;

        assertThatThrownBy(indexer::drain).isInstanceOf(ConnectException.class);

        assertThat(outbox.pendingCount()).isEqualTo(5);
    }

    @Test
    void drain_withSomeItemsRefused_acknowledgesOnlyTheOthers_andRetriesTheRefused() throws IOException {
        append(5);
        index.refused = Set.of(2L, 4L);

        assertThatThrownBy(indexer::drain).isInstanceOf(IOException.class).hasMessageStartingWith("CP-0154 ");
        assertThat(outbox.pending(10)).extracting(LoggedEntry::sequence).containsExactly(2L, 4L);

        index.refused = Set.of();
        indexer.drain();
        assertThat(outbox.pendingCount()).isZero();
        assertThat(index.size()).isEqualTo(5);
    }

    @Test
    void anEntryDeliveredTwice_isOneDocument() throws IOException {
        append(3);
        indexer.drain();
        outbox.requeue(2); // the acknowledgement was lost: at-least-once delivers it again

        indexer.drain();

        assertThat(index.size()).isEqualTo(3);
    }

    @Test
    void running_throughAnOutage_dropsNothing_andCatchesUp() {
        indexer.start();
        append(15);
        await().atMost(Duration.ofSeconds(10)).until(() -> index.size() == 15);

        index.down = true;
        append(30);
        await().atMost(Duration.ofSeconds(10)).until(() -> indexer.failedAttempts() >= 3);
        assertThat(outbox.pendingCount()).isEqualTo(30);

        index.down = false;
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.pendingCount() == 0);
        assertThat(index.size()).isEqualTo(45);
        assertThat(index.prepared).as("template installed again after the outage").isGreaterThanOrEqualTo(2);
    }

    @Test
    void rebuild_reindexesTheWholeLog_withoutTouchingTheOutbox() throws IOException {
        append(23);
        indexer.drain();
        index.documents.clear();
        append(2);

        assertThat(indexer.rebuild()).isEqualTo(25);

        assertThat(index.size()).isEqualTo(25);
        assertThat(outbox.pendingCount()).as("the outbox still owes its own two").isEqualTo(2);
        assertThat(index.documents.values().stream().map(LoggedEntry::sequence).collect(Collectors.toSet()))
                .hasSize(25).contains(1L, 25L);
    }

    @Test
    void stop_endsTheThread_andStartAgainResumes() {
        indexer.start();
        indexer.stop();
        assertThat(indexer.isRunning()).isFalse();
        append(3);

        indexer.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> index.size() == 3);
    }
}
