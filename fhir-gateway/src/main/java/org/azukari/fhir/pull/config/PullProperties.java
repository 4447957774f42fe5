package org.azukari.fhir.pull.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.azukari.fhir.pull.PullPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.gateway.pull.*}, checked at start-up (a bad value fails the start).
 *
 * @param interval       how often the scheduler looks for due targets, and the wait after a successful pull
 * @param threads        the pull pool, 1 to 4
 * @param pageSize       {@code _count} asked of the source
 * @param maxPages       a pull that pages further fails
 * @param overlap        subtracted from the high-water mark when asking for changes
 * @param initialBackoff the wait after a first failure, doubling with each further one
 * @param maxBackoff     the longest wait between retries
 * @param lease          a running pull older than this is taken as abandoned
 * @param connectTimeout connecting to a source
 * @param readTimeout    waiting for a source's answer
 * @param resourceTypes  the types searched for changes (default: {@code PullPolicy.DEFAULT_RESOURCE_TYPES})
 * @param credentials    per reference name: {@code bearer-token}, or {@code username} and {@code password}
 */
@ConfigurationProperties("azukari.gateway.pull")
public record PullProperties(
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("5m") Duration interval,
        @DefaultValue("2") int threads,
        @DefaultValue("100") int pageSize,
        @DefaultValue("10000") int maxPages,
        @DefaultValue("2s") Duration overlap,
        @DefaultValue("1m") Duration initialBackoff,
        @DefaultValue("6h") Duration maxBackoff,
        @DefaultValue("30m") Duration lease,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        List<String> resourceTypes,
        Map<String, Credential> credentials) {

    public PullProperties {
        resourceTypes = resourceTypes == null || resourceTypes.isEmpty() ? PullPolicy.DEFAULT_RESOURCE_TYPES
                : List.copyOf(resourceTypes);
        credentials = credentials == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(credentials));
    }

    /** One credential entry. Its secrets never reach a log: {@link #toString()} hides them. */
    public record Credential(String bearerToken, String username, String password) {

        @Override
        public String toString() {
            return "Credential[redacted]";
        }
    }

    @Override
    public String toString() {
        return "PullProperties[interval=" + interval + ", threads=" + threads + ", pageSize=" + pageSize
                + ", credentials=" + credentials.keySet() + "]";
    }
}
