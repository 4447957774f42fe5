package org.azukari.consent.api;

import java.util.List;

/**
 * The access log: append-only and hash-chained. Fail closed: if an entry cannot be written,
 * {@link AccessLogUnavailableException} is thrown and the caller must not do what it was
 * about to record.
 */
public interface AccessLog {

    LoggedEntry append(AccessLogEntry entry);

    /** Appends several entries in one transaction, in order: all or none. */
    List<LoggedEntry> appendAll(List<AccessLogEntry> entries);
}
