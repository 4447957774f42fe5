package org.azukari.identity.people.jdbc;

import java.sql.Timestamp;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps security events in {@code id_security_event} and the log. Belt and braces on top of
 * the event's own contract: a subject that is not an id, or a reason that is not a code, is
 * stored as {@code unknown} / {@code invalid}; a request path loses its query string (where
 * tokens travel) and is cut to 255 characters.
 */
public final class JdbcSecurityEvents implements SecurityEvents {

    private static final Logger log = LoggerFactory.getLogger(JdbcSecurityEvents.class);
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern REASON = Pattern.compile("[A-Z]{2}-[0-9]{4}");
    public static final int MAX_PATH = 255;

    private final JdbcTemplate jdbc;

    public JdbcSecurityEvents(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    @Override
    public void record(SecurityEvent event) {
        String subject = SUBJECT.matcher(event.subject()).matches() ? event.subject() : "unknown";
        String reason = REASON.matcher(event.reasonCode()).matches() ? event.reasonCode() : "invalid";
        String path = event.requestPath().map(JdbcSecurityEvents::pathOnly).orElse(null);
        String kind = event.kind().map(Enum::name).orElse(null);
        String organisation = event.organisation().map(OrganisationId::value).orElse(null);
        jdbc.update("INSERT INTO id_security_event (occurred_at, event_type, principal_kind, subject, organisation_id,"
                        + " reason_code, request_path) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Timestamp.from(event.at()), event.type().name(), kind, subject, organisation, reason, path);
        log.info("Security event {} kind={} subject={} organisation={} reason={}", event.type(), kind, subject,
                organisation, reason);
    }

    static String pathOnly(String path) {
        int query = path.indexOf('?');
        String bare = query >= 0 ? path.substring(0, query) : path;
        int fragment = bare.indexOf('#');
        bare = fragment >= 0 ? bare.substring(0, fragment) : bare;
        return bare.length() > MAX_PATH ? bare.substring(0, MAX_PATH) : bare;
    }
}
