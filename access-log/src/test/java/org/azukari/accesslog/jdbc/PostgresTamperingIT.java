package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ChainVerification;
import org.azukari.consent.api.ResidentId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tampering by the table owner on the real PostgreSQL; 30 entries, checkpoints every 10. */
class PostgresTamperingIT {

    @TempDir
    Path directory;

    private PostgresLog database;
    private LogFixture fixture;
    private Tamper tamper;

    @BeforeEach
    void thirtyEntries() {
        database = new PostgresLog(directory, new CheckpointPolicy(10, Duration.ofHours(1)));
        fixture = database.fixture;
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= 30; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        tamper = new Tamper(fixture.owner);
        assertThat(fixture.verifier.verify().intact()).isTrue();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void changedField_isAHashMismatch() {
        tamper.changeDecision(17);
        assertFinding(17, "hash-mismatch");
    }

    @Test
    void deletedRow_isASequenceGap() {
        tamper.delete(12);
        assertFinding(12, "sequence-gap");
    }

    @Test
    void swappedRows_areAPrevHashMismatch() {
        tamper.swap(5, 6);
        assertFinding(5, "prev-hash-mismatch");
    }

    @Test
    void forgedRow_isInserted() {
        tamper.insertForged(8);
        assertFinding(8, "inserted");
    }

    @Test
    void duplicateSequenceInAnotherYear_isOutOfOrder() {
        fixture.owner.update("INSERT INTO cp_access_log SELECT sequence, entry_id, logged_at + INTERVAL '1 year',"
                + " entry_json, prev_hash, hash, resident_id, actor_id, organisation, purpose, decision"
                + " FROM cp_access_log WHERE sequence = 9");
        assertFinding(9, "out-of-order");
    }

    @Test
    void truncatedTail_isTruncated() {
        tamper.deleteFrom(18);
        fixture.owner.update("UPDATE cp_access_log_head SET sequence = 17");
        assertFinding(18, "truncated");
    }

    @Test
    void tailCutPastTheLatestCheckpointWithTheHeadRewound_isTruncated_andFurtherAppendsAreRefused() {
        ResidentId resident = ResidentId.random();
        for (int i = 31; i <= 35; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        tamper.cutTail(33);

        assertFinding(33, "truncated");
        assertThatThrownBy(() -> fixture.log.append(Entries.read(resident, 36)))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
        assertThat(fixture.log.headSequence()).isEqualTo(32);
    }

    @Test
    void consistentRewrite_isACheckpointMismatch() {
        tamper.rewriteConsistently(1);
        assertFinding(10, "checkpoint-mismatch");
    }

    private void assertFinding(long sequence, String finding) {
        ChainVerification verification = fixture.verifier.verify();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.finding()).isEqualTo(finding);
        assertThat(verification.firstBadSequence()).contains(sequence);
    }
}
