/**
 * The access log's search index in Elasticsearch: a copy of the log (the system of record is
 * the hash-chained table), fed through {@link org.azukari.accesslog.AccessLogOutbox}
 * at least once and idempotently (document id = entry id), searchable through
 * {@link org.azukari.consent.api.AccessLogSearch}, and pruned month by month by the bank
 * itself ({@link org.azukari.accesslog.search.IndexRetention}) because the server's
 * ILM module is not something the bank may rely on.
 *
 * <p>Layout: monthly indices {@code <prefix>-yyyy.MM} (by entry time, UTC), all created from
 * one index template ({@code <prefix>-*}, strict keyword mappings) that also puts each of them
 * behind the read alias {@code <prefix>}. Only this package imports the Elasticsearch client.
 */
package org.azukari.accesslog.search;
