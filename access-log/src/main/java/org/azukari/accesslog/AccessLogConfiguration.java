package org.azukari.accesslog;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.azukari.accesslog.jdbc.CheckpointPolicy;
import org.azukari.accesslog.jdbc.Checkpointer;
import org.azukari.accesslog.jdbc.JdbcAccessLog;
import org.azukari.accesslog.jdbc.JdbcAccessLogSearch;
import org.azukari.accesslog.jdbc.JdbcAccessLogVerifier;
import org.azukari.accesslog.jdbc.JdbcSignedCheckpoints;
import org.azukari.accesslog.jdbc.JdbcVerificationHistory;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.AccessLogVerifier;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.SignedCheckpoints;
import org.azukari.consent.api.VerificationHistory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the access log over the application's {@link DataSource} (migrated from
 * {@code classpath:db/migration/accesslog/{vendor}}) and the bank's {@link CheckpointSigner}
 * (trust-bank), with the checkpoint file and the head witness outside the database. The SQL search
 * is the embedded default; an Elasticsearch search bean replaces it.
 * Retention needs the owner connection and is wired where that connection is configured.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccessLogSettings.class)
public class AccessLogConfiguration {

    @Bean
    CheckpointFile accessLogCheckpointFile(AccessLogSettings settings, Environment environment) {
        return new CheckpointFile(settings.checkpointFileSet().orElseGet(() ->
                Path.of(environment.getProperty("azukari.data-dir", "./data"), "access-log-checkpoints.txt")));
    }

    /** In the data directory unless configured: rewritten in place, so not on the checkpoint file's write-once storage. */
    @Bean
    HeadWitness accessLogHeadWitness(AccessLogSettings settings, Environment environment) {
        return new HeadWitness(settings.witnessFileSet().orElseGet(() ->
                Path.of(environment.getProperty("azukari.data-dir", "./data"), "access-log-head-witness")));
    }

    @Bean
    Checkpointer accessLogCheckpointer(DataSource dataSource, CheckpointSigner signer, CheckpointFile file,
                                       ObjectProvider<Clock> clock) {
        return new Checkpointer(dataSource, signer, file, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Both the {@code AccessLog} and its {@link AccessLogOutbox}. */
    @Bean
    JdbcAccessLog accessLog(DataSource dataSource, Checkpointer checkpointer, AccessLogSettings settings,
                            HeadWitness witness, ObjectProvider<Clock> clock) {
        return new JdbcAccessLog(dataSource, checkpointer,
                new CheckpointPolicy(settings.checkpointEvery(), settings.checkpointInterval()), witness,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    AccessLogVerifier accessLogVerifier(DataSource dataSource, CheckpointSigner signer, CheckpointFile file,
                                        HeadWitness witness) {
        return new JdbcAccessLogVerifier(dataSource, signer, file, witness);
    }

    @Bean
    VerificationHistory accessLogVerificationHistory(AccessLogVerifier verifier, DataSource dataSource,
                                                     ObjectProvider<Clock> clock) {
        return new JdbcVerificationHistory(verifier, dataSource, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    SignedCheckpoints accessLogSignedCheckpoints(DataSource dataSource, CheckpointFile file, HeadWitness witness) {
        return new JdbcSignedCheckpoints(dataSource, file, witness);
    }

    @Bean
    @ConditionalOnMissingBean(AccessLogSearch.class)
    AccessLogSearch accessLogSearch(DataSource dataSource) {
        return new JdbcAccessLogSearch(dataSource);
    }
}
