package org.azukari.accesslog.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import java.io.IOException;
import java.io.StringReader;

/**
 * The composable index template every monthly index is created from: explicit mappings,
 * {@code dynamic: strict} (a document with an unknown field is refused, not guessed at),
 * nothing analysed as text (ids and codes are keywords, searched exactly), and the read alias.
 * Installing it again is harmless, which is why the indexer does so after every outage: a
 * cluster that came back empty must not auto-create an index without it.
 *
 * <p>{@code at} is {@code date_nanos}: the log's timestamps have microseconds, and a time-range
 * search must cut exactly where the system of record would. {@code hash} and
 * {@code resource_counts} are kept in {@code _source} for display, not indexed.
 */
final class IndexTemplate {

    /** Above the stack's built-in templates (100), so that ours wins for our pattern. */
    static final long PRIORITY = 200;
    static final long VERSION = 1;

    private IndexTemplate() {
    }

    static String json(IndexNames names) {
        return """
                {
                  "index_patterns": ["%s"],
                  "priority": %d,
                  "version": %d,
                  "_meta": {"owner": "azukari", "what": "access log search copy; the system of record is the database"},
                  "template": {
                    "settings": {"number_of_shards": 1, "auto_expand_replicas": "0-1", "refresh_interval": "1s"},
                    "aliases": {"%s": {}},
                    "mappings": {
                      "dynamic": "strict",
                      "_source": {"enabled": true},
                      "properties": {
                        "sequence":        {"type": "long"},
                        "entry_id":        {"type": "keyword"},
                        "at":              {"type": "date_nanos"},
                        "hash":            {"type": "keyword", "index": false, "doc_values": false},
                        "actor_kind":      {"type": "keyword"},
                        "actor_id":        {"type": "keyword"},
                        "organisation":    {"type": "keyword"},
                        "client":          {"type": "keyword"},
                        "resident":        {"type": "keyword"},
                        "action":          {"type": "keyword"},
                        "resource_types":  {"type": "keyword"},
                        "resource_counts": {"type": "object", "enabled": false},
                        "categories":      {"type": "keyword"},
                        "purpose":         {"type": "keyword"},
                        "consents":        {"type": "keyword"},
                        "decision":        {"type": "keyword"},
                        "reason":          {"type": "keyword"},
                        "request_id":      {"type": "keyword"}
                      }
                    }
                  }
                }
                """.formatted(names.pattern(), PRIORITY, VERSION, names.alias());
    }

    static void install(ElasticsearchClient client, IndexNames names) throws IOException {
        client.indices().putIndexTemplate(t -> t.name(names.template()).withJson(new StringReader(json(names))));
    }
}
