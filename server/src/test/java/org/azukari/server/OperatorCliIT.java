package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The packaged jar's operator commands, run as an operator would: a process, its output, its exit code. */
class OperatorCliIT {

    private static Path dataDir;

    record Run(int exitCode, String output) {
    }

    @BeforeAll
    static void dataDir() throws IOException {
        dataDir = Files.createTempDirectory("azukari-cli-it");
    }

    private static Run operator(Map<String, String> environment, String... words) throws Exception {
        return jar("operator", environment, words);
    }

    private static Run jar(String verb, Map<String, String> environment, String... words) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", Path.of("target", "azukari-server.jar").toString(), verb));
        command.addAll(List.of(words));
        command.add("--azukari.data-dir=" + dataDir);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("AZUKARI_INITIAL_PASSWORD");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void registerOrganisation_thenList_showsIt() throws Exception {
        Run registered = operator(Map.of(), "register-organisation", "id=cli-hospital", "kind=HOSPITAL",
                "name=CLI Hospital", "purposes=treatment");
        Run listed = operator(Map.of(), "list-organisations");

        assertThat(registered.exitCode()).as(registered.output()).isZero();
        assertThat(listed.output()).contains("cli-hospital HOSPITAL [treatment]");
    }

    @Test
    void registerOrganisation_ofAClinicOrAWellnessService_isRefused_forItNeedsAnAssessmentByAnOperator()
            throws Exception {
        Run clinic = operator(Map.of(), "register-organisation", "id=cli-clinic", "kind=CLINIC", "name=CLI Clinic",
                "purposes=treatment");
        Run wellness = operator(Map.of(), "register-organisation", "id=cli-wellness", "kind=WELLNESS_SERVICE",
                "name=CLI Wellness", "purposes=health-advice");
        Run listed = operator(Map.of(), "list-organisations");

        assertThat(clinic.exitCode()).isEqualTo(1);
        assertThat(clinic.output()).contains("OP-0030").doesNotContain("Exception");
        assertThat(wellness.exitCode()).isEqualTo(1);
        assertThat(listed.output()).doesNotContain("cli-clinic").doesNotContain("cli-wellness");
    }

    @Test
    void registerOperator_takesThePasswordFromTheEnvironmentOnly() throws Exception {
        Run without = operator(Map.of(), "register-operator", "username=cli-operator");
        Run with = operator(Map.of("AZUKARI_INITIAL_PASSWORD", "a long enough password 99"), "register-operator",
                "username=cli-operator");

        assertThat(without.exitCode()).isEqualTo(1);
        assertThat(without.output()).contains("OP-0011");
        assertThat(with.exitCode()).as(with.output()).isZero();
        assertThat(with.output()).contains("registered operator account").doesNotContain("a long enough password 99");
    }

    @Test
    void unknownCommandOrBadArgument_exitsNonZeroWithACode() throws Exception {
        Run unknown = operator(Map.of(), "launch-rocket");
        Run bad = operator(Map.of(), "register-organisation", "id=Bad Id!", "kind=HOSPITAL", "name=x",
                "purposes=treatment");

        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.output()).contains("OP-0010");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.output()).contains("ID-").doesNotContain("Exception");
    }

    @Test
    void enrolTotp_printsAnOtpauthUri_andAWrongCodeDoesNotConfirmIt() throws Exception {
        Run registered = operator(Map.of("AZUKARI_INITIAL_PASSWORD", "a long enough password 98"), "register-operator",
                "username=cli-totp");
        String account = registered.output().replaceAll("(?s).*registered operator account ([0-9a-f-]{36}).*", "$1");

        Run enrolled = operator(Map.of(), "enrol-totp", "account=" + account);
        Run wrong = operator(Map.of(), "confirm-totp", "account=" + account, "code=000000");

        assertThat(enrolled.exitCode()).as(enrolled.output()).isZero();
        assertThat(enrolled.output()).contains("otpauth://totp/");
        assertThat(wrong.exitCode()).isEqualTo(1);
        assertThat(wrong.output()).contains("OP-0015");
    }

    @Test
    void auditVerify_walksTheChainAndItsCheckpoints_andExitsZeroWhenIntact() throws Exception {
        Run verify = jar("audit", Map.of(), "verify");
        Run usage = jar("audit", Map.of(), "shred-everything");

        assertThat(verify.exitCode()).as(verify.output()).isZero();
        assertThat(verify.output()).contains("intact:").contains("checkpoints checked");
        assertThat(usage.exitCode()).isEqualTo(2);
    }
}
