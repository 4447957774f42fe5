package org.azukari.fhir.export.config;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.azukari.consent.api.AccessLog;
import org.azukari.consent.api.ConsentDecisionPoint;
import org.azukari.consent.api.Consents;
import org.azukari.consent.api.DatasetRequests;
import org.azukari.fhir.export.DatasetExports;
import org.azukari.fhir.export.ExportFiles;
import org.azukari.fhir.export.InterruptedExports;
import org.azukari.fhir.export.deid.ServicePseudonyms;
import org.azukari.fhir.export.ExportJobStore;
import org.azukari.fhir.export.jdbc.JdbcExportJobs;
import org.azukari.fhir.classification.DataClassifier;
import org.azukari.identity.api.BankSecrets;
import org.azukari.trustbank.api.TrustBank;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataset exports: jobs in the bank's database, sealed files under
 * {@code azukari.gateway.export.directory} (default {@code <data dir>/exports}), kept for
 * {@code azukari.gateway.export.file-lifetime} (default 24 h), run on
 * {@code azukari.gateway.export.threads} threads (default 1: exports are background work).
 */
@Configuration(proxyBeanMethods = false)
public class ExportConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    ExecutorService exportExecutor(@Value("${azukari.gateway.export.threads:1}") int threads) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
            Thread thread = new Thread(runnable, "dataset-export-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    ExportFiles exportFiles(BankSecrets secrets,
                            @Value("${azukari.gateway.export.directory:${azukari.data-dir:./data}/exports}") Path directory) {
        return new ExportFiles(directory, secrets);
    }

    /** The job rows, also read by the auditor's console (counts only). */
    @Bean
    ExportJobStore exportJobStore(DataSource dataSource) {
        return new JdbcExportJobs(dataSource);
    }

    @Bean
    DatasetExports datasetExports(DatasetRequests requests, Consents consents, ConsentDecisionPoint decisions,
                                  AccessLog accessLog, TrustBank bank, DataClassifier classifier,
                                  ExportJobStore exportJobStore, BankSecrets secrets, ExecutorService exportExecutor,
                                  ExportFiles exportFiles,
                                  @Value("${azukari.gateway.export.file-lifetime:24h}") Duration lifetime) {
        return new DatasetExports(new DatasetExports.Services(requests, consents, decisions, accessLog, bank, classifier),
                exportJobStore, exportFiles, new ServicePseudonyms(secrets),
                exportExecutor, Clock.systemUTC(), lifetime);
    }

    /**
     * Before the web server takes requests: the exports this instance was running when it stopped
     * are failed (EX-0724) and their partial files removed (the migrations have run by then).
     */
    @Bean
    SmartInitializingSingleton exportsInterruptedByAStop(DataSource dataSource, ExportFiles exportFiles) {
        return () -> new InterruptedExports(new JdbcExportJobs(dataSource), exportFiles, Clock.systemUTC()).failAll();
    }
}
