package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.azukari.consent.api.ResidentId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.trustbank.api.RecordId;
import org.azukari.trustbank.api.RecordNotFoundException;
import org.azukari.trustbank.api.RecordToStore;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.testing.MarkerScan;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/** The bank as {@code infra/run} starts it: H2 files and the local key vault under one data directory. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"azukari.demo.enabled=true", "azukari.data-dir=" + AzukariApplicationTest.DATA_DIR_NAME})
class AzukariApplicationTest {

    /** A constant, because the log file is chosen before any dynamic property source is read. */
    static final String DATA_DIR_NAME = "./target/application-test-data";
    static final Path DATA_DIR = freshDataDir();

    @Autowired
    TrustBank trustBank;

    @Autowired
    TestRestTemplate http;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void start_withEmbeddedDefaults_answersAndLoadsOneOfEveryPrincipalKind() throws Exception {
        assertThat(http.getForObject("/", String.class)).contains("\"status\":\"UP\"");
        assertThat(http.getForObject("/actuator/health", String.class)).contains("UP");
        assertThat(Files.exists(DATA_DIR.resolve("master.key"))).isTrue();
        Path credentials = DATA_DIR.resolve("demo-credentials.txt");
        assertThat(Files.getPosixFilePermissions(credentials)).containsExactlyInAnyOrder(
                java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        String demo = Files.readString(credentials);
        for (PrincipalKind kind : PrincipalKind.values()) {
            assertThat(demo).as("a demo principal of kind " + kind).contains(kind.name() + " ");
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT resident_id) FROM tb_record_version", Integer.class))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void storedRecordsAndDemoPasswords_leaveNoPlaintextInTheDatabaseFilesOrTheLog() throws Exception {
        ResidentId resident = ResidentId.random();
        trustBank.enrol(resident);
        List<String> markers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String marker = Records.marker();
            markers.add(marker);
            RecordToStore record = Records.observation(marker);
            trustBank.store(resident, record);
            trustBank.read(resident, record.id());
        }
        // failure paths log too: make them happen with marker-bearing records around
        assertThatThrownBy(() -> trustBank.read(ResidentId.random(), new RecordId("missing")))
                .isInstanceOf(RecordNotFoundException.class);
        jdbc.update("UPDATE tb_record_version SET envelope = ? WHERE resident_id = ?", new byte[40], resident.value());
        assertThatThrownBy(() -> trustBank.read(resident, trustBank.list(resident).get(0).id()))
                .isInstanceOf(UnreadableRecordException.class);
        jdbc.execute("CHECKPOINT SYNC");

        // Boot configures logging once per JVM: another test's context may have chosen the file.
        Path log = CurrentLogFile.path();
        assertThat(log).exists();
        assertThat(MarkerScan.hitsUnder(log, markers)).isEmpty();
        assertThat(MarkerScan.hitsUnder(DATA_DIR, markers)).isEmpty();
        List<String> demoPasswords = java.util.regex.Pattern.compile("password=(\\S+)")
                .matcher(Files.readString(DATA_DIR.resolve("demo-credentials.txt"))).results()
                .map(match -> match.group(1)).toList();
        assertThat(demoPasswords).hasSize(5);
        assertThat(MarkerScan.hitsUnder(log, demoPasswords)).isEmpty();
        assertThat(MarkerScan.hitsUnder(DATA_DIR.resolve("db"), demoPasswords)).isEmpty();
    }

    private static Path freshDataDir() {
        Path dir = Path.of(DATA_DIR_NAME);
        FileSystemUtils.deleteRecursively(dir.toFile());
        return dir;
    }
}
