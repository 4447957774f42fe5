package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.azukari.consent.api.LoggedEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bulk request per batch: an {@code index} operation per entry into its monthly index with
 * the entry id as document id, so a repeat overwrites the same document with the same content.
 * Every item's status is checked: only items that came back 200/201 count as indexed.
 */
final class ElasticsearchEntryWriter implements EntryWriter {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchEntryWriter.class);

    private final ElasticsearchClient client;
    private final IndexNames names;

    ElasticsearchEntryWriter(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public void prepare() throws IOException {
        try {
            IndexTemplate.install(client, names);
        } catch (ElasticsearchException e) {
            throw new IOException("CP-0152 index template refused: " + e.error().type(), e);
        }
    }

    @Override
    public Set<Long> write(List<LoggedEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return Set.of();
        }
        List<BulkOperation> operations = new ArrayList<>(entries.size());
        Map<String, Long> sequenceById = new HashMap<>();
        for (LoggedEntry entry : entries) {
            String id = entry.entryId().toString();
            sequenceById.put(id, entry.sequence());
            AccessLogDocument document = AccessLogDocument.of(entry);
            operations.add(BulkOperation.of(op -> op.index(i -> i.index(names.monthly(entry.at())).id(id).document(document))));
        }
        BulkResponse response;
        try {
            response = client.bulk(b -> b.operations(operations));
        } catch (ElasticsearchException e) {
            throw new IOException("CP-0153 bulk request refused: " + e.status(), e);
        }
        Set<Long> indexed = new HashSet<>();
        for (BulkResponseItem item : response.items()) {
            Long sequence = sequenceById.get(item.id());
            if (sequence != null && item.error() == null && (item.status() == 200 || item.status() == 201)) {
                indexed.add(sequence);
            } else {
                // ids and the error type only: never the document
                log.warn("access-log entry {} (sequence {}) not indexed into {}: status {} {}", item.id(), sequence,
                        item.index(), item.status(), item.error() == null ? "" : item.error().type());
            }
        }
        return indexed;
    }
}
