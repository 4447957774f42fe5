package org.azukari.server.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.azukari.trustbank.testing.RequiredEnv;
import org.junit.jupiter.api.Test;

/**
 * The load benchmark command of docs/benchmarks.md, {@code infra/bench load}, run briefly (4 clients, 10 s) as
 * written, from the repository's root, on the packaged jar and the services {@code infra/test}
 * started (it uses those named in the {@code AZUKARI_IT_*} environment and stops none of them). The
 * report must name every class of request with requests counted, no 5xx among the answers, and the
 * reconciliation must find every acknowledged write stored.
 */
class LoadBenchIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final List<String> CLASSES = List.of("token", "ingest", "release search", "sign-in", "portal page");

    @Test
    void theReadmesLoadCommand_briefly_reportsEveryClass_noServerError_andNoAcknowledgedWriteLost() throws Exception {
        for (String name : List.of("AZUKARI_IT_PG_URL", "AZUKARI_IT_VAULT_ADDR", "AZUKARI_IT_ES_URL")) {
            RequiredEnv.get(name);
        }
        assertThat(ROOT.resolve("server/target/azukari-server.jar")).as("the packaged jar (package phase)").exists();
        Path output = Files.createTempFile("load-bench-", ".log");
        ProcessBuilder bench = new ProcessBuilder("infra/bench", "load", "4", "10").directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        bench.environment().put("AZUKARI_LOAD_JAR", ROOT.resolve("server/target/azukari-server.jar").toString());
        Process process = bench.start();
        boolean ended = process.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            process.waitFor(2, TimeUnit.MINUTES);
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(ended).as("infra/bench load 4 10 ended:\n" + report).isTrue();
        assertThat(process.exitValue()).as(report).isZero();
        for (String kind : CLASSES) {
            Matcher row = Pattern.compile("(?m)^" + Pattern.quote(kind) + "\\s+(\\d+)\\s").matcher(report);
            assertThat(row.find()).as("a row for " + kind + " in:\n" + report).isTrue();
            assertThat(Integer.parseInt(row.group(1))).as(kind + " requests in:\n" + report).isPositive();
        }
        assertThat(report).as(report).contains("5xx answers: 0");
        assertThat(report).as(report).containsPattern("(?m)^acknowledged \\(2xx\\)\\s+[1-9]");
        assertThat(report).as(report).containsPattern("(?m)^  lost\\s+0$");
        assertThat(report).as(report).contains("RESULT: no acknowledged write lost");
    }
}
