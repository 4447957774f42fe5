package org.azukari.consent.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.access-log.*}: how often checkpoints are signed, where their file lives
 * (default {@code ${azukari.data-dir}/access-log-checkpoints.txt}) and how many years entries
 * are kept (never fewer than ten). Checked at start-up.
 *
 * <p>{@code checkpointFile} is a plain, nullable {@link Path} rather than an {@code Optional}: the
 * binder turns a property's text into a {@code Path} but has no converter into
 * {@code Optional<Path>}, so an {@code Optional} component fails the start whenever the property
 * is set (as the production configuration does).
 */
@ConfigurationProperties("azukari.access-log")
public record AccessLogSettings(@DefaultValue("1000") int checkpointEvery,
                                @DefaultValue("60s") Duration checkpointInterval,
                                Path checkpointFile,
                                @DefaultValue("10") int retentionYears) {

    public AccessLogSettings {
        if (checkpointEvery < 1 || checkpointInterval == null || checkpointInterval.isNegative()
                || checkpointInterval.isZero()) {
            throw new IllegalArgumentException("CP-0133 azukari.access-log.checkpoint-every must be >= 1"
                    + " and checkpoint-interval positive");
        }
        if (retentionYears < 10) {
            throw new IllegalArgumentException("CP-0140 azukari.access-log.retention-years must be at least 10");
        }
    }

    /** The configured file, or empty for the default under the data directory. */
    public Optional<Path> configuredCheckpointFile() {
        return Optional.ofNullable(checkpointFile);
    }
}
