package org.azukari.fhir.config;

import java.time.Clock;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.fhir.breach.BreachScope;
import org.azukari.fhir.breach.BreachScopeViews;
import org.azukari.fhir.ingest.BankIngest;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.fhir.ingest.Ingest;
import org.azukari.fhir.ingest.IngestSettings;
import org.azukari.fhir.ingest.IngestTimings;
import org.azukari.fhir.ingest.IngestTransactions;
import org.azukari.fhir.ingest.SourceHashes;
import org.azukari.fhir.ingest.SourceIndex;
import org.azukari.fhir.ingest.SourceWarnings;
import org.azukari.fhir.release.ReceiptStore;
import org.azukari.fhir.ingest.jdbc.JdbcSourceIndex;
import org.azukari.fhir.ingest.jdbc.JdbcSourceWarnings;
import org.azukari.fhir.validation.HapiInputValidator;
import org.azukari.fhir.validation.InputValidator;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

/** The ingest pipeline and what it stands on, and the breach-scope query. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayConfiguration {

    @Bean
    DataClassifier dataClassifier() {
        return DataClassifier.standard();
    }

    @Bean
    InputValidator inputValidator() {
        return HapiInputValidator.withJapanesePackages();
    }

    @Bean
    SourceIndex sourceIndex(DataSource dataSource, BankSecrets secrets) {
        return new JdbcSourceIndex(dataSource, new SourceHashes(secrets), Clock.systemUTC());
    }

    @Bean
    SourceWarnings sourceWarnings(DataSource dataSource) {
        return new JdbcSourceWarnings(dataSource, Clock.systemUTC());
    }

    /** One breach-scope query for the operators' and auditors' APIs and the auditor's console page. */
    @Bean
    BreachScope breachScope(AccessLogSearch search) {
        return new BreachScope(search);
    }

    @Bean
    BreachScopeViews breachScopeViews(PeopleRegistry people, ReceiptStore receipts, TrustBank bank) {
        return new BreachScopeViews(people, receipts, bank);
    }

    @Bean
    IngestTimings ingestTimings() {
        return new IngestTimings();
    }

    @Bean
    Ingest ingest(TrustBank bank, AccessLog accessLog, PeopleRegistry people, SourceIndex index,
                  InputValidator validator, DataClassifier classifier, BankSecrets secrets, DataSource dataSource,
                  GatewayProperties properties, IngestTimings timings, SourceWarnings warnings) {
        return new BankIngest(bank, accessLog, people, index, validator, classifier, new SourceHashes(secrets),
                transactions(dataSource), new IngestSettings(properties.maxEntries(), properties.storeChunk()), timings,
                warnings);
    }

    /**
     * Joins the trust bank's and the access log's JDBC work: they use the same data source. When
     * the database goes away mid-transaction, the rollback fails too (the connection is closed;
     * the server rolled the transaction back when it dropped it), and Spring would throw that
     * failure in place of the work's own (e.g. the access log unavailable, FG-0502): the work's is
     * the answer, so it is the one thrown.
     */
    static IngestTransactions transactions(DataSource dataSource) {
        TransactionTemplate template = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        return new IngestTransactions() {
            @Override
            public <T> T inOne(java.util.function.Supplier<T> work) {
                try {
                    return template.execute(status -> work.get());
                } catch (TransactionSystemException rollbackFailed) {
                    if (rollbackFailed.getApplicationException() instanceof RuntimeException own) {
                        throw own;
                    }
                    throw rollbackFailed;
                }
            }
        };
    }
}
