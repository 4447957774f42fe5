package org.azukari.consent.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;

/** An access log that keeps entries in memory, and that a test can take down. */
public final class RecordingAccessLog implements AccessLog {

    public final List<AccessLogEntry> entries = new CopyOnWriteArrayList<>();
    public volatile boolean down;

    @Override
    public LoggedEntry append(AccessLogEntry entry) {
        return appendAll(List.of(entry)).get(0);
    }

    @Override
    public List<LoggedEntry> appendAll(List<AccessLogEntry> toAppend) {
        if (down) {
            throw new AccessLogUnavailableException("log down (test)", null);
        }
        List<LoggedEntry> logged = new ArrayList<>();
        for (AccessLogEntry entry : toAppend) {
            entries.add(entry);
            logged.add(new LoggedEntry(entries.size(), UUID.randomUUID(), Instant.now(), entry, "0".repeat(64)));
        }
        return logged;
    }
}
