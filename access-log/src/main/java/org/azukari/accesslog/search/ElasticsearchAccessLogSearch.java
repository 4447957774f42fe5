package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;

/**
 * Searches the access log's copy in Elasticsearch through the read alias. What is not yet
 * indexed (still in the outbox) is not found yet: the index trails the log by the indexing lag.
 * An unreachable or failing index, or a malformed document in it, is {@link AccessLogUnavailableException},
 * never an empty or partial list.
 */
public final class ElasticsearchAccessLogSearch implements AccessLogSearch {

    private final ElasticsearchClient client;
    private final IndexNames names;

    ElasticsearchAccessLogSearch(ElasticsearchClient client, IndexNames names) {
        this.client = client;
        this.names = names;
    }

    @Override
    public List<LoggedEntry> search(AccessLogQuery query) {
        Objects.requireNonNull(query);
        SearchResponse<AccessLogDocument> response;
        try {
            response = client.search(SearchRequests.of(names, query), AccessLogDocument.class);
        } catch (IOException e) {
            throw new AccessLogUnavailableException("access-log search index unreachable", e);
        } catch (ElasticsearchException e) {
            throw new AccessLogUnavailableException("access-log search index failed with status " + e.status(), e);
        }
        return response.hits().hits().stream().map(ElasticsearchAccessLogSearch::entry).toList();
    }

    /** A document the API records refuse (tampered, or written by something else) fails the search, naming its id. */
    private static LoggedEntry entry(Hit<AccessLogDocument> hit) {
        try {
            return Objects.requireNonNull(hit.source(), "no _source").toLoggedEntry();
        } catch (RuntimeException e) {
            throw new AccessLogUnavailableException("access-log search index holds a malformed document "
                    + hit.index() + "/" + hit.id(), null);
        }
    }
}
