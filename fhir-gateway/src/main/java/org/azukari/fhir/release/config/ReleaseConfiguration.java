package org.azukari.fhir.release.config;

import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.CheckpointSigner;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.ConsentUnavailableException;
import org.azukari.consent.api.Consents;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.release.ConsentRequests;
import org.azukari.fhir.release.PageTokens;
import org.azukari.fhir.release.Pseudonyms;
import org.azukari.fhir.release.Receipts;
import org.azukari.fhir.release.RecipientConsents;
import org.azukari.fhir.release.Release;
import org.azukari.fhir.release.ReleaseTransactions;
import org.azukari.fhir.release.ShareCodeExchange;
import org.azukari.fhir.release.ShareCodes;
import org.azukari.fhir.release.jdbc.JdbcReleaseTables;
import org.azukari.identity.api.BankSecrets;
import org.azukari.trustbank.api.TrustBank;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The release feature. Until consent-policy provides a {@link ConsentDecisionPoint} bean, every
 * release fails closed (503, FG-0703); until it provides {@link ConsentRequests}, a clinic's
 * exchange of a share code is still answered but no request is filed (logged, FG-0790).
 */
@Configuration(proxyBeanMethods = false)
public class ReleaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ReleaseConfiguration.class);

    @Bean
    JdbcReleaseTables releaseTables(DataSource dataSource) {
        return new JdbcReleaseTables(dataSource, Clock.systemUTC());
    }

    @Bean
    Release.Introductions releaseIntroductions(BankSecrets secrets, JdbcReleaseTables tables) {
        return new Release.Introductions(new Pseudonyms(secrets), tables);
    }

    @Bean
    ShareCodes shareCodes(JdbcReleaseTables tables, BankSecrets secrets,
                          @Value("${azukari.gateway.release.share-code-lifetime:15m}") Duration lifetime) {
        return new ShareCodes(tables, secrets, lifetime, Clock.systemUTC());
    }

    @Bean
    Release release(TrustBank bank, AccessLog accessLog, ObjectProvider<ConsentDecisionPoint> decisions,
                    Release.Introductions introductions, DataClassifier classifier) {
        return new Release(bank, accessLog, decisionPoint(decisions), introductions, classifier, Clock.systemUTC());
    }

    @Bean
    ShareCodeExchange shareCodeExchange(ShareCodes codes, Release.Introductions introductions,
                                        ObjectProvider<ConsentDecisionPoint> decisions,
                                        ObjectProvider<ConsentRequests> requests, AccessLog accessLog,
                                        DataSource dataSource) {
        ConsentRequests filing = requests.getIfAvailable(() -> (resident, recipient, purpose) ->
                log.warn("FG-0790 consent requests are not connected; no request filed for recipient {}", recipient));
        return new ShareCodeExchange(codes, introductions, decisionPoint(decisions),
                new ShareCodeExchange.Writes(filing, accessLog, transactions(dataSource)), Clock.systemUTC());
    }

    /** The release tables, the consent store and the access log share the data source: one transaction joins them. */
    static ReleaseTransactions transactions(DataSource dataSource) {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new ReleaseTransactions() {
            @Override
            public <T> T inOne(java.util.function.Supplier<T> work) {
                return template.execute(status -> work.get());
            }
        };
    }

    @Bean
    RecipientConsents recipientConsents(Consents consents, Release.Introductions introductions) {
        return new RecipientConsents(consents, introductions, Clock.systemUTC());
    }

    @Bean
    Receipts releaseReceipts(CheckpointSigner signer, JdbcReleaseTables tables, AccessLog accessLog) {
        return new Receipts(signer, tables, accessLog, Clock.systemUTC());
    }

    @Bean
    PageTokens releasePageTokens(BankSecrets secrets) {
        return new PageTokens(secrets, Clock.systemUTC());
    }

    /** Looked up per request, so a decision point registered later is used; none at all fails closed. */
    private static ConsentDecisionPoint decisionPoint(ObjectProvider<ConsentDecisionPoint> decisions) {
        return question -> {
            ConsentDecisionPoint point = decisions.getIfAvailable();
            if (point == null) {
                throw new ConsentUnavailableException("no consent decision point is configured", null);
            }
            return point.decide(question);
        };
    }
}
