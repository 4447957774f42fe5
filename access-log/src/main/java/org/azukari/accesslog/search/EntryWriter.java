package org.azukari.accesslog.search;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.LoggedEntry;

/** Writes entries into the search index; the seam the indexer is tested through. */
interface EntryWriter {

    /** Makes sure the index can take entries (template installed); called again after every outage. */
    void prepare() throws IOException;

    /**
     * Indexes the entries (idempotently, by entry id) and answers the sequences the index now
     * holds. Entries it refused are left out, so they stay in the outbox and are tried again.
     *
     * @throws IOException when the index cannot be reached at all
     */
    Set<Long> write(List<LoggedEntry> entries) throws IOException;
}
