package org.azukari.accesslog.search;

import java.net.URI;
import java.time.Duration;
import java.time.Period;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.access-log.elasticsearch.*}: where the access log's search index lives and how
 * it is fed. An empty {@code url} leaves the index off (the bank then searches its own table).
 * Validated at construction, so a bad value fails the start, not the first search.
 *
 * @param url            base URL, scheme, host and port only (e.g. {@code http://127.0.0.1:9200}); empty: disabled
 * @param indexPrefix    names the alias, the template ({@code <prefix>-*}) and the monthly indices
 * @param connectTimeout how long to wait for a TCP connection
 * @param socketTimeout  how long to wait for an answer once connected
 * @param batchSize      entries per bulk request
 * @param pollInterval   how often the outbox is looked at when it was found empty
 * @param maxBackoff     the longest pause between attempts while Elasticsearch is unreachable
 * @param retention      how long entries stay searchable; at least ten years, never less
 * @param retentionCheck how often indices past the retention are looked for
 */
@ConfigurationProperties("azukari.access-log.elasticsearch")
public record ElasticsearchSettings(@DefaultValue("") String url,
                                    @DefaultValue(DEFAULT_PREFIX) String indexPrefix,
                                    @DefaultValue("2s") Duration connectTimeout,
                                    @DefaultValue("30s") Duration socketTimeout,
                                    @DefaultValue("500") int batchSize,
                                    @DefaultValue("500ms") Duration pollInterval,
                                    @DefaultValue("1m") Duration maxBackoff,
                                    @DefaultValue("P10Y") Period retention,
                                    @DefaultValue("1d") Duration retentionCheck) {

    public static final String DEFAULT_PREFIX = "azukari-access-log";
    public static final Period MINIMUM_RETENTION = Period.ofYears(10);
    static final int MAX_BATCH = 5_000;
    /** Lower case, no wildcard or separator Elasticsearch reserves; short enough for {@code -yyyy.MM}. */
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9-]{0,200}[a-z0-9]");

    public ElasticsearchSettings {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty()) {
            checkUrl(url);
        }
        if (indexPrefix == null || !PREFIX.matcher(indexPrefix).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "index prefix must be lower-case letters, digits and '-'");
        }
        checkDuration(connectTimeout, "connect timeout", Duration.ofMillis(1), Duration.ofMinutes(2));
        checkDuration(socketTimeout, "socket timeout", Duration.ofMillis(1), Duration.ofMinutes(10));
        checkDuration(pollInterval, "poll interval", Duration.ofMillis(10), Duration.ofHours(1));
        checkDuration(maxBackoff, "max back-off", pollInterval, Duration.ofHours(1));
        checkDuration(retentionCheck, "retention check", Duration.ofMinutes(1), Duration.ofDays(31));
        if (batchSize < 1 || batchSize > MAX_BATCH) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "batch size must be 1.." + MAX_BATCH);
        }
        checkRetention(retention);
    }

    /** The defaults, indexing into {@code url}. */
    public static ElasticsearchSettings of(String url) {
        return new ElasticsearchSettings(url, DEFAULT_PREFIX, Duration.ofSeconds(2), Duration.ofSeconds(30), 500,
                Duration.ofMillis(500), Duration.ofMinutes(1), MINIMUM_RETENTION, Duration.ofDays(1));
    }

    public ElasticsearchSettings withIndexPrefix(String prefix) {
        return new ElasticsearchSettings(url, prefix, connectTimeout, socketTimeout, batchSize, pollInterval, maxBackoff,
                retention, retentionCheck);
    }

    public ElasticsearchSettings withPolling(Duration poll, Duration backoff, int batch) {
        return new ElasticsearchSettings(url, indexPrefix, connectTimeout, socketTimeout, batch, poll, backoff,
                retention, retentionCheck);
    }

    public boolean enabled() {
        return !url.isEmpty();
    }

    static void checkRetention(Period retention) {
        if (retention == null || retention.isNegative() || retention.getDays() != 0
                || retention.toTotalMonths() < MINIMUM_RETENTION.toTotalMonths()) {
            throw new BadInputException(ConsentPolicyError.CP_0151, "access-log retention must be whole years or months, at least "
                    + MINIMUM_RETENTION);
        }
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "elasticsearch url is not a URL");
        }
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath()))) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "elasticsearch url must be http(s)://host:port, without user, path or query");
        }
    }

    private static void checkDuration(Duration value, String what, Duration min, Duration max) {
        if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new BadInputException(ConsentPolicyError.CP_0150, "elasticsearch " + what + " must be between " + min + " and " + max);
        }
    }
}
