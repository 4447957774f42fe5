package org.azukari.identity.oauth;

import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The fallback when no {@link SecurityEvents} bean exists: ids and codes to the log, nothing else. */
public final class LoggingSecurityEvents implements SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(LoggingSecurityEvents.class);

    @Override
    public void record(SecurityEvent event) {
        log.info("security event {} kind={} subject={} organisation={} reason={}", event.type(),
                event.kind().map(Enum::name).orElse("-"), event.subject(),
                event.organisation().map(Object::toString).orElse("-"), event.reasonCode());
    }
}
