package org.azukari.consent.accesslog;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.azukari.consent.accesslog.jdbc.CheckpointPolicy;
import org.azukari.consent.accesslog.jdbc.Checkpointer;
import org.azukari.consent.accesslog.jdbc.JdbcAccessLog;
import org.azukari.consent.accesslog.jdbc.JdbcAccessLogSearch;
import org.azukari.consent.accesslog.jdbc.JdbcAccessLogVerifier;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.CheckpointSigner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the access log over the application's {@link DataSource} (migrated from
 * {@code classpath:db/migration/accesslog/{vendor}}) and the bank's {@link CheckpointSigner}
 * (trust-bank). The SQL search is the embedded default; an Elasticsearch search bean replaces it.
 * Retention needs the owner connection and is wired where that connection is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessLogSettings.class)
public class AccessLogConfiguration {

    @Bean
    CheckpointFile accessLogCheckpointFile(AccessLogSettings settings, Environment environment) {
        return new CheckpointFile(settings.configuredCheckpointFile().orElseGet(() ->
                Path.of(environment.getProperty("azukari.data-dir", "./data"), "access-log-checkpoints.txt")));
    }

    @Bean
    Checkpointer accessLogCheckpointer(DataSource dataSource, CheckpointSigner signer, CheckpointFile file,
                                       ObjectProvider<Clock> clock) {
        return new Checkpointer(dataSource, signer, file, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Both the {@code AccessLog} and its {@link AccessLogOutbox}. */
    @Bean
    JdbcAccessLog accessLog(DataSource dataSource, Checkpointer checkpointer, AccessLogSettings settings,
                            ObjectProvider<Clock> clock) {
        return new JdbcAccessLog(dataSource, checkpointer,
                new CheckpointPolicy(settings.checkpointEvery(), settings.checkpointInterval()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AccessLogVerifier accessLogVerifier(DataSource dataSource, CheckpointSigner signer, CheckpointFile file) {
        return new JdbcAccessLogVerifier(dataSource, signer, file);
    }

    @Bean
    @ConditionalOnMissingBean(AccessLogSearch.class)
    AccessLogSearch accessLogSearch(DataSource dataSource) {
        return new JdbcAccessLogSearch(dataSource);
    }
}
