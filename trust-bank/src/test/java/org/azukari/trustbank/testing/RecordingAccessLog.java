package org.azukari.trustbank.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;

/**
 * An in-memory access log for unit tests of the trust bank (the real, hash-chained one is
 * proven in consent-policy and end to end in server). Can be switched "down" to prove that
 * what it would record does not happen.
 */
public final class RecordingAccessLog implements AccessLog {

    private final List<LoggedEntry> entries = new ArrayList<>();
    private volatile boolean down;

    public void goDown() {
        down = true;
    }

    public void comeBack() {
        down = false;
    }

    public synchronized List<LoggedEntry> entries() {
        return List.copyOf(entries);
    }

    @Override
    public synchronized LoggedEntry append(AccessLogEntry entry) {
        if (down) {
            throw new AccessLogUnavailableException("access log down (test switch)", null);
        }
        LoggedEntry logged = new LoggedEntry(entries.size() + 1, UUID.randomUUID(), Instant.now(), entry, "0".repeat(64));
        entries.add(logged);
        return logged;
    }

    @Override
    public synchronized List<LoggedEntry> appendAll(List<AccessLogEntry> batch) {
        return batch.stream().map(this::append).toList();
    }
}
