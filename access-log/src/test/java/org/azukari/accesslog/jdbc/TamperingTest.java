package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.accesslog.Checkpoint;
import org.azukari.accesslog.CheckpointFile;
import org.azukari.accesslog.Entries;
import org.azukari.accesslog.TestSigner;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every tampering is done directly in the database (or on the checkpoint file) by someone with
 * the owner's rights; 30 entries, checkpoints every 10.
 */
class TamperingTest {

    @TempDir
    Path directory;

    private LogFixture fixture;
    private Tamper tamper;

    @BeforeEach
    void thirtyEntries() {
        fixture = LogFixture.h2(directory, 10);
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= 30; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        tamper = new Tamper(fixture.owner);
        assertThat(fixture.verifier.verify()).isEqualTo(new ChainVerification(true, 30, 3, Optional.empty(), "intact"));
    }

    @Test
    void verify_afterAFieldIsChanged_reportsHashMismatchAtThatEntry() {
        tamper.changeDecision(17);
        assertFinding(17, "hash-mismatch");
    }

    @Test
    void verify_afterARowIsDeleted_reportsTheGap() {
        tamper.delete(12);
        assertFinding(12, "sequence-gap");
    }

    @Test
    void verify_afterTheOldestRowsAreDeletedWithoutRetirement_reportsTheGapAtOne() {
        tamper.delete(1);
        tamper.delete(2);
        assertFinding(1, "sequence-gap");
    }

    @Test
    void verify_afterTwoRowsAreSwapped_reportsTheFirstOfThem() {
        tamper.swap(5, 6);
        assertFinding(5, "prev-hash-mismatch");
    }

    @Test
    void verify_afterAForgedRowIsSlippedIn_reportsTheForgedRow() {
        tamper.insertForged(8);
        assertFinding(8, "inserted");
    }

    @Test
    void verify_afterAForgedRowIsAddedPastTheHead_reportsItInserted() {
        tamper.insertForged(31);
        assertFinding(31, "inserted");
    }

    @Test
    void verify_afterTheTailIsCutBelowACheckpoint_reportsTruncated() {
        tamper.deleteFrom(18);
        fixture.owner.update("UPDATE cp_access_log_head SET sequence = 17");
        assertFinding(18, "truncated");
    }

    @Test
    void verify_afterTheTailIsCutButTheHeadRowNot_reportsTruncated() {
        tamper.deleteFrom(25);
        assertFinding(25, "truncated");
    }

    @Test
    void verify_afterTheTailIsCutPastTheLatestCheckpointAndTheHeadRewound_reportsTruncated() {
        appendMore(5);
        tamper.cutTail(33);
        assertFinding(33, "truncated");
    }

    @Test
    void append_afterTheTailWasCutAndTheHeadRewound_isRefused_andTheCutStaysVisible() {
        appendMore(5);
        tamper.cutTail(33);

        assertThatThrownBy(() -> fixture.log.append(Entries.read(ResidentId.random(), 99)))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
        assertThat(fixture.log.headSequence()).isEqualTo(32);
        assertFinding(33, "truncated");
    }

    @Test
    void append_afterTheOperatorMovesTheWitnessOfACutTailAside_resumesOnTheChainThatIsLeft() throws Exception {
        appendMore(5);
        tamper.cutTail(33);
        assertThatThrownBy(() -> fixture.log.append(Entries.read(ResidentId.random(), 99)))
                .isInstanceOf(AccessLogUnavailableException.class);
        Files.move(fixture.witness.path(), directory.resolve("witness-kept-as-evidence"));

        assertThat(fixture.log.append(Entries.read(ResidentId.random(), 99)).sequence()).isEqualTo(33);
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @Test
    void verify_afterTheEntriesPastTheLatestCheckpointAreRewrittenConsistently_reportsWitnessMismatch() {
        appendMore(5);
        tamper.rewriteConsistently(33);
        assertFinding(35, "witness-mismatch");
    }

    @Test
    void verify_afterAConsistentRewriteOfTheWholeChain_reportsTheFirstCheckpointItContradicts() {
        tamper.rewriteConsistently(1);
        assertFinding(10, "checkpoint-mismatch");
    }

    @Test
    void verify_afterAConsistentRewriteFromTheMiddle_reportsTheNextCheckpoint() {
        tamper.rewriteConsistently(14);
        assertFinding(20, "checkpoint-mismatch");
    }

    @Test
    void verify_afterACheckpointLineIsEdited_reportsBadSignature() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture.file.path()));
        lines.set(1, lines.get(1).replace("v1 head 20 ", "v1 head 19 "));
        Files.write(fixture.file.path(), lines);
        assertFinding(19, "bad-signature");
    }

    @Test
    void verify_afterACheckpointLineIsGarbled_reportsMalformed() throws Exception {
        Files.writeString(fixture.file.path(), "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo("checkpoint-malformed");
    }

    @Test
    void verify_afterACheckpointLineIsRemovedFromTheFile_reportsItMissing() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(fixture.file.path()));
        lines.remove(2);
        Files.write(fixture.file.path(), lines);
        assertFinding(30, "checkpoint-not-in-file");
    }

    @Test
    void verify_whenTheCheckpointFileIsGone_reportsItMissing() throws Exception {
        Files.delete(fixture.file.path());
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo("checkpoint-file-missing");
    }

    @Test
    void verify_whenTheHeadWitnessIsGone_reportsItMissing() throws Exception {
        Files.delete(fixture.witness.path());
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo("witness-missing");
    }

    @Test
    void verify_afterTheHeadWitnessIsOverwritten_reportsItMalformed() throws Exception {
        Files.writeString(fixture.witness.path(), Files.readString(fixture.witness.path()).replace("w1 ", "w2 "));
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo("witness-malformed");
    }

    @Test
    void verify_withCheckpointsSignedByAnotherKey_reportsBadSignature() {
        JdbcAccessLogVerifier otherKey = new JdbcAccessLogVerifier(fixture.runtime, new TestSigner(), fixture.file,
                fixture.witness);
        ChainVerification verification = otherKey.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo("bad-signature");
        assertThat(verification.firstBadSequence()).contains(10L);
    }

    @Test
    void verify_afterTheFirstRowsAreDeletedUnderAForgedRetirement_ignoresItAndReportsTheGap() {
        String hash = fixture.owner.queryForObject("SELECT hash FROM cp_access_log WHERE sequence = 10", String.class);
        fixture.owner.update("DELETE FROM cp_access_log WHERE sequence <= 10");
        new CheckpointFile(fixture.file.path()).append(new Checkpoint(Checkpoint.Kind.RETIRED, 10, hash,
                LogFixture.START, "forger", new TestSigner().sign(Checkpoint.payload(Checkpoint.Kind.RETIRED, 10, hash,
                LogFixture.START))));
        assertFinding(1, "sequence-gap");
    }

    @Test
    void verify_withAHeadSignatureReplayedAsARetirement_reportsBadSignature() throws Exception {
        String head = Files.readAllLines(fixture.file.path()).get(0);
        Files.writeString(fixture.file.path(), head.replace("v1 head ", "v1 retired ") + "\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertFinding(10, "bad-signature");
    }

    private void appendMore(int entries) {
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= entries; i++) {
            fixture.log.append(Entries.read(resident, 30 + i));
        }
    }

    private void assertFinding(long sequence, String finding) {
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo(finding);
        assertThat(verification.firstBadSequence()).contains(sequence);
    }
}
