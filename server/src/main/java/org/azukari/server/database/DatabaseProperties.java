package org.azukari.server.database;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.database.*}: the two connection pools over {@code spring.datasource.*} (which
 * still names the database and the credentials; other {@code spring.datasource.hikari.*} settings
 * apply to both pools, except the size and the wait set here).
 *
 * @param controlPoolSize   connections of the control pool: bearer-token and sign-in checks, portal, clinic-view and
 *                          console pages, the JSON APIs (and the consent decisions and access-log
 *                          entries they make)
 * @param bulkPoolSize      connections of the bulk pool: everything under {@code /fhir} after its token check (ingest,
 *                          release, export kick-off), and the background workers (pull, export jobs,
 *                          outbox indexer, checkpoints)
 * @param connectionTimeout how long a request waits for a pooled connection before it is answered 503
 *                          with {@code Retry-After}; short, because admission keeps the bulk pool from
 *                          running dry and a wait means the database itself is slow
 */
@ConfigurationProperties("azukari.database")
public record DatabaseProperties(@DefaultValue("8") int controlPoolSize,
                                 @DefaultValue("12") int bulkPoolSize,
                                 @DefaultValue("2s") Duration connectionTimeout) {

    public DatabaseProperties {
        if (controlPoolSize < 2 || bulkPoolSize < 2) {
            throw new IllegalArgumentException("azukari.database.control-pool-size and .bulk-pool-size must be at least 2");
        }
        if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
            throw new IllegalArgumentException("azukari.database.connection-timeout must be at least 250ms (Hikari's least)");
        }
    }
}
