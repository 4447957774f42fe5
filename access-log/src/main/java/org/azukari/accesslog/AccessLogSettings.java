package org.azukari.accesslog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code azukari.access-log.*}: how often checkpoints are signed, where their file lives
 * (default {@code ${azukari.data-dir}/access-log-checkpoints.txt}), where the head witness
 * lives (default {@code ${azukari.data-dir}/access-log-head-witness}) and how many years
 * entries are kept (never fewer than ten). Checked at start-up. The paths are plain {@link Path}s,
 * {@code null} when not set: the binder turns a string into a {@code Path} but not into an
 * {@code Optional<Path>}.
 */
@ConfigurationProperties("azukari.access-log")
public record AccessLogSettings(@DefaultValue("1000") int checkpointEvery,
                                @DefaultValue("60s") Duration checkpointInterval,
                                Path checkpointFile,
                                Path witnessFile,
                                @DefaultValue("10") int retentionYears) {

    public AccessLogSettings {
        if (checkpointEvery < 1 || checkpointInterval == null || checkpointInterval.isNegative()
                || checkpointInterval.isZero()) {
            throw new BadInputException(ConsentPolicyError.CP_0133, "azukari.access-log.checkpoint-every must be >= 1"
                    + " and checkpoint-interval positive");
        }
        if (retentionYears < 10) {
            throw new BadInputException(ConsentPolicyError.CP_0140, "azukari.access-log.retention-years must be at least 10");
        }
    }

    public Optional<Path> checkpointFileSet() {
        return Optional.ofNullable(checkpointFile);
    }

    public Optional<Path> witnessFileSet() {
        return Optional.ofNullable(witnessFile);
    }
}
