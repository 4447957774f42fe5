package org.azukari.consent.api;

import java.util.List;

/**
 * Searching the access log: Elasticsearch in production (fed from the log through an outbox,
 * rebuildable), SQL over the log's own table in the embedded default.
 */
public interface AccessLogSearch {

    List<LoggedEntry> search(AccessLogQuery query);
}
