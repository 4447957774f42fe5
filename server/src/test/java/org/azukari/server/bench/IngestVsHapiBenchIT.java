package org.azukari.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side ingest benchmark of docs/benchmarks.md, {@code infra/bench ingest-vs-hapi}, run briefly (one
 * Synthea patient, one client) as written, from the repository's root, on the services
 * {@code infra/test} started (those named in the {@code AZUKARI_IT_*} environment; it stops none).
 * It must print both servers' rates and their ratio, and the bank must have run on PostgreSQL,
 * OpenBao through the AppRole and Elasticsearch, not on its H2 and local key-vault defaults.
 */
class IngestVsHapiBenchIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void theReadmesIngestVsHapiCommand_withOnePatient_printsBothRatesAndTheRatio_withTheBankOnTheRealServices()
            throws Exception {
        for (String name : List.of("AZUKARI_IT_PG_URL", "AZUKARI_IT_VAULT_ADDR", "AZUKARI_IT_ES_URL")) {
            RequiredEnv.get(name);
        }
        Path output = Files.createTempFile("ingest-vs-hapi-", ".log");
        Process process = new ProcessBuilder("infra/bench", "ingest-vs-hapi", "1", "1").directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = process.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(2, TimeUnit.MINUTES);
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(ended).as("infra/bench ingest-vs-hapi 1 1 ended:\n" + report).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        assertThat(report).as(report)
                .containsPattern("(?m)^Azukari on jdbc:postgresql:\\S+, key vault vault \\(approle\\),"
                        + " access log into http")
                .containsPattern("(?m)^  round 1: plain HAPI JPA \\d+ resources/s \\([1-9]\\d* in ")
                .containsPattern("(?m)^plain HAPI FHIR JPA: [1-9]\\d* resources/s$")
                .containsPattern("(?m)^Azukari: [1-9]\\d* resources/s$")
                .containsPattern("(?m)^ratio Azukari / plain HAPI: \\d+\\.\\d\\d$")
                .containsPattern("(?m)^key vault calls during the bank's rounds: [1-9]\\d*, \\d+\\.\\d{4} per resource$");
    }
}
