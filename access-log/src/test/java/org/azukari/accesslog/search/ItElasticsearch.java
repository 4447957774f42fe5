package org.azukari.accesslog.search;

import static org.junit.jupiter.api.Assertions.fail;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The Elasticsearch that {@code infra/test} started ({@code AZUKARI_IT_ES_URL}; missing fails,
 * never skips), under a prefix of its own so that tests never touch each other's (or the
 * bank's) indices. {@link #close()} deletes this prefix's indices and template.
 */
final class ItElasticsearch implements AutoCloseable {

    final ElasticsearchSettings settings;
    final IndexNames names;
    final ElasticsearchClient client;

    private ItElasticsearch(String url) {
        String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-access-log";
        this.settings = ElasticsearchSettings.of(url).withIndexPrefix(prefix)
                .withPolling(Duration.ofMillis(50), Duration.ofSeconds(2), 200);
        this.names = new IndexNames(prefix);
        this.client = ElasticsearchClients.create(settings);
    }

    static ItElasticsearch shared() {
        return new ItElasticsearch(requiredEnv("AZUKARI_IT_ES_URL"));
    }

    static ItElasticsearch at(String url) {
        return new ItElasticsearch(url);
    }

    static String requiredEnv(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            return fail("environment variable " + name + " is not set; run the integration tests through infra/test");
        }
        return value;
    }

    /** Makes everything indexed so far searchable (tests only; the bank relies on the refresh interval). */
    void refresh() {
        try {
            client.indices().refresh(r -> r.index(names.pattern()).ignoreUnavailable(true).allowNoIndices(true));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long count() {
        refresh();
        try {
            return client.count(c -> c.index(names.alias()).ignoreUnavailable(true).allowNoIndices(true)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Set<String> indices() {
        try {
            return new TreeSet<>(client.indices().get(g -> g.index(names.pattern()).ignoreUnavailable(true)
                    .allowNoIndices(true)).result().keySet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void deleteIndices() {
        for (String index : indices()) {
            try {
                client.indices().delete(d -> d.index(index));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        try {
            deleteIndices();
            client.indices().deleteIndexTemplate(d -> d.name(names.template()));
        } catch (IOException | RuntimeException e) {
            // the server may be the one a test stopped; nothing more to clean then
        } finally {
            ElasticsearchClients.close(client);
        }
    }
}
