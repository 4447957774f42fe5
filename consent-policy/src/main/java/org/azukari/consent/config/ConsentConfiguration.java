package org.azukari.consent.config;

import java.time.Clock;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.BreachNotices;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.consent.api.EmergencyAccesses;
import org.azukari.consent.api.NeverShare;
import org.azukari.consent.api.PrivacyAssessments;
import org.azukari.consent.api.WhoCanSee;
import org.azukari.consent.assessments.jdbc.JdbcPrivacyAssessments;
import org.azukari.consent.consents.jdbc.JdbcConsents;
import org.azukari.consent.consents.jdbc.JdbcEmergencyAccesses;
import org.azukari.consent.consents.jdbc.JdbcNeverShare;
import org.azukari.consent.datasets.jdbc.JdbcDatasetRequests;
import org.azukari.consent.decision.DefaultConsentDecisionPoint;
import org.azukari.consent.decision.DefaultWhoCanSee;
import org.azukari.consent.notices.jdbc.JdbcBreachNotices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the consent stores over the application's {@link DataSource} (migrated from
 * {@code classpath:db/migration/consent}) and the {@link AccessLog} over the same data source, so
 * a change and its log entry share one transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(EmergencySettings.class)
public class ConsentConfiguration {

    @Bean
    Consents consents(DataSource dataSource, AccessLog log, ObjectProvider<Clock> clock) {
        return new JdbcConsents(dataSource, log, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    NeverShare neverShare(DataSource dataSource, AccessLog log, ObjectProvider<Clock> clock) {
        return new JdbcNeverShare(dataSource, log, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    EmergencyAccesses emergencyAccesses(DataSource dataSource, AccessLog log, EmergencySettings settings,
                                        ObjectProvider<Clock> clock) {
        return new JdbcEmergencyAccesses(dataSource, log, clock.getIfAvailable(Clock::systemUTC),
                settings.duration(), settings.categorySet());
    }

    @Bean
    DatasetRequests datasetRequests(DataSource dataSource, AccessLog log, ObjectProvider<Clock> clock) {
        return new JdbcDatasetRequests(dataSource, log, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    PrivacyAssessments privacyAssessments(DataSource dataSource, ObjectProvider<Clock> clock) {
        return new JdbcPrivacyAssessments(dataSource, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    BreachNotices breachNotices(DataSource dataSource, AccessLog log, ObjectProvider<Clock> clock) {
        return new JdbcBreachNotices(dataSource, log, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    ConsentDecisionPoint consentDecisionPoint(Consents consents, NeverShare neverShare,
                                              EmergencyAccesses emergencyAccesses) {
        return new DefaultConsentDecisionPoint(consents, neverShare, emergencyAccesses);
    }

    @Bean
    WhoCanSee whoCanSee(Consents consents, EmergencyAccesses emergencyAccesses, NeverShare neverShare) {
        return new DefaultWhoCanSee(consents, emergencyAccesses, neverShare);
    }
}
