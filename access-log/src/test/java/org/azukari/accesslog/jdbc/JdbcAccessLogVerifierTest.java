package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification while the bank keeps appending, and of logs that are not tampered with. */
class JdbcAccessLogVerifierTest {

    @TempDir
    Path directory;

    private final ResidentId resident = ResidentId.random();

    @Test
    void verify_whenEntriesAndACheckpointLandAfterItReadTheHeadRow_staysIntact() throws Exception {
        assertIntactWhileFiveEntriesLandAfterQuery(1);
    }

    @Test
    void verify_whenEntriesAndACheckpointLandWhileItWalksTheRows_staysIntact_andDoesNotHoldThemUp() throws Exception {
        assertIntactWhileFiveEntriesLandAfterQuery(2);
    }

    /** Ten entries, checkpoints every five; five more (and a checkpoint) land inside the verifier's transaction. */
    private void assertIntactWhileFiveEntriesLandAfterQuery(int query) throws Exception {
        LogFixture fixture = LogFixture.h2(directory, 5);
        for (int i = 1; i <= 10; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        JdbcAccessLogVerifier verifier = new JdbcAccessLogVerifier(SnapshotHook.around(fixture.runtime, query, () -> {
            for (int i = 11; i <= 15; i++) {
                fixture.log.append(Entries.read(resident, i));
            }
        }), fixture.signer, fixture.file, fixture.witness);

        ChainVerification verification = verifier.verify();

        assertThat(Files.readAllLines(fixture.file.path())).hasSize(3);
        assertThat(verification).isEqualTo(new ChainVerification(true, 10, 2, Optional.empty(), "intact"));
        assertThat(fixture.verifier.verify()).isEqualTo(new ChainVerification(true, 15, 3, Optional.empty(), "intact"));
    }

    @Test
    void verify_ofAFreshLog_withoutAnyFileYet_isIntact() {
        LogFixture fixture = LogFixture.h2(directory, 5);
        assertThat(fixture.verifier.verify()).isEqualTo(new ChainVerification(true, 0, 0, Optional.empty(), "intact"));
    }
}
