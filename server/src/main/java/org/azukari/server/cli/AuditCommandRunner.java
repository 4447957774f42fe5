package org.azukari.server.cli;

import java.util.List;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.VerificationHistory;
import org.azukari.consent.api.VerificationRun;
import org.azukari.consent.api.VerifiedBy;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * {@code azukari-server.jar audit verify}: walks the access log's hash chain and its signed
 * checkpoints and prints the verdict; exit code 0 when intact, 3 when tampering was found. The run
 * goes into the verification history as {@code cli}; when it cannot, the verdict is still printed
 * and the command says so on standard error ({@code CP-0170}).
 */
@Component
@ConditionalOnProperty(name = "azukari.cli.enabled", havingValue = "true")
class AuditCommandRunner implements ApplicationRunner, ExitCodeGenerator {

    static final int TAMPERED = 3;

    private final VerificationHistory verifications;
    private int exitCode;

    AuditCommandRunner(VerificationHistory verifications) {
        this.verifications = verifications;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<String> words = arguments.getNonOptionArgs();
        if (words.isEmpty() || !"audit".equals(words.get(0))) {
            return;
        }
        if (words.size() != 2 || !"verify".equals(words.get(1))) {
            System.err.println("usage: azukari-server.jar audit verify");
            exitCode = 2;
            return;
        }
        VerificationRun run = verifications.verify(VerifiedBy.CLI);
        ChainVerification result = run.verdict();
        System.out.println((result.intact() ? "intact" : "TAMPERED") + ": " + result.entriesChecked() + " entries, "
                + result.checkpointsChecked() + " checkpoints checked"
                + result.firstBadSequence().map(sequence -> "; first bad entry " + sequence).orElse("")
                + "; finding " + result.finding());
        if (run instanceof VerificationRun.Unrecorded) {
            System.err.println("CP-0170 this verification could not be recorded in the verification history");
        }
        exitCode = result.intact() ? 0 : TAMPERED;
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
