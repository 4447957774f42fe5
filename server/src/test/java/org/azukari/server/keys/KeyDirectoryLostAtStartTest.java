package org.azukari.server.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.consent.api.ResidentId;
import org.azukari.server.AzukariApplication;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bank's configuration started over an H2 database that holds records, with the local key
 * directory (or the master key) gone: it refuses to start with a clear message rather than
 * starting over with an empty key store, and starts again, reading what it held, once the key
 * directory is back. A fresh data directory still starts, making its empty key directory.
 */
class KeyDirectoryLostAtStartTest {

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        // Boot's logging system belongs to the JVM, which the cached test contexts share: this
        // application, closed or failing, must not take their log file down with it
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        try {
            // arguments, not default properties: application.properties names a data directory of its own
            return new SpringApplicationBuilder(AzukariApplication.class).web(WebApplicationType.NONE)
                    .run("--azukari.data-dir=" + dataDir, "--azukari.demo.enabled=false",
                            "--azukari.gateway.pull.scheduler-enabled=false");
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
    }

    @Test
    void start_withRecordsButNoKeyDirectory_isRefused_andMakesNoEmptyKeyStore_thenStartsOnceItIsBack()
            throws Exception {
        ResidentId resident = ResidentId.random();
        RecordToStore record = Records.observation(Records.marker());
        try (ConfigurableApplicationContext first = start()) {
            assertThat(dataDir.resolve("keys")).as("a fresh bank makes its key directory").isDirectory();
            TrustBank bank = first.getBean(TrustBank.class);
            bank.enrol(resident);
            bank.store(resident, record);
        }
        Path keys = dataDir.resolve("keys");
        Path elsewhere = Files.move(keys, dataDir.resolve("keys-backup"));

        assertThatThrownBy(this::start).hasStackTraceContaining("TB-0417")
                .hasStackTraceContaining("does not start over with an empty key store");
        assertThat(keys).as("no empty key directory made over the data").doesNotExist();

        Files.createDirectory(keys); // an empty directory in its place is no better
        assertThatThrownBy(this::start).hasStackTraceContaining("TB-0417");
        Files.delete(keys);

        Files.move(elsewhere, keys);
        try (ConfigurableApplicationContext again = start()) {
            assertThat(again.getBean(TrustBank.class).read(resident, record.id()).content()).isEqualTo(record.content());
        }
    }

    @Test
    void start_withKeyFilesButNoMasterKey_isRefused_andMakesNoNewMasterKey() throws Exception {
        try (ConfigurableApplicationContext first = start()) {
            TrustBank bank = first.getBean(TrustBank.class);
            ResidentId resident = ResidentId.random();
            bank.enrol(resident);
            bank.store(resident, Records.observation("kept"));
        }
        Files.move(dataDir.resolve("master.key"), dataDir.resolve("master.key.backup"));

        assertThatThrownBy(this::start).hasStackTraceContaining("TB-0415");
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }
}
