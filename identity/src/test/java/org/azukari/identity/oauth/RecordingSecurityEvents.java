package org.azukari.identity.oauth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;

/** Keeps security events in memory, for assertions. */
public final class RecordingSecurityEvents implements SecurityEvents {

    private final List<SecurityEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void record(SecurityEvent event) {
        events.add(event);
    }

    public List<SecurityEvent> all() {
        return List.copyOf(events);
    }

    public SecurityEvent last() {
        return events.get(events.size() - 1);
    }
}
