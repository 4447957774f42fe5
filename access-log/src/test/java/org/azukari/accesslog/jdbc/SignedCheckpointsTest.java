package org.azukari.accesslog.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.azukari.accesslog.Entries;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.ResidentId;
import org.azukari.consent.api.SignedCheckpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signed checkpoints as the auditor reads them: the database copy, keyset-paged, and where the file copies live. */
class SignedCheckpointsTest {

    @TempDir
    Path directory;

    private LogFixture fixture;
    private JdbcSignedCheckpoints checkpoints;

    @BeforeEach
    void elevenEntriesCheckpointedEveryFive() {
        fixture = LogFixture.h2(directory, 5);
        ResidentId resident = ResidentId.random();
        for (int i = 1; i <= 11; i++) {
            fixture.log.append(Entries.read(resident, i));
        }
        checkpoints = new JdbcSignedCheckpoints(fixture.runtime, fixture.file, fixture.witness);
    }

    @Test
    void newestFirst_listsEachCheckpoint_withItsHashKeyAndSignature_asTheFileHasIt() throws Exception {
        List<SignedCheckpoint> listed = checkpoints.newestFirst(Optional.empty(), 10);

        assertThat(listed).extracting(SignedCheckpoint::sequence).containsExactly(10L, 5L);
        List<String> lines = Files.readAllLines(fixture.file.path());
        for (SignedCheckpoint c : listed) {
            assertThat(c.kind()).isEqualTo("HEAD");
            assertThat(c.keyName()).isEqualTo(fixture.signer.keyName());
            assertThat(c.keyId()).isNotEmpty();
            assertThat(c.signature()).startsWith(c.keyId() + ":");
            assertThat(lines).anySatisfy(line -> assertThat(line).contains(" " + c.sequence() + " " + c.hash() + " ")
                    .endsWith(" " + c.signature()));
        }
    }

    @Test
    void newestFirst_afterACursor_continuesBelowIt_andARetirementAtTheSameSequenceIsNotSkipped() {
        SignedCheckpoint newest = checkpoints.newestFirst(Optional.empty(), 1).get(0);
        fixture.checkpointer.retire(newest.sequence(), newest.hash());

        List<SignedCheckpoint> first = checkpoints.newestFirst(Optional.empty(), 1);
        List<SignedCheckpoint> rest = checkpoints.newestFirst(Optional.of(first.get(0).cursor()), 10);

        assertThat(first).extracting(SignedCheckpoint::kind).containsExactly("HEAD");
        assertThat(rest).extracting(c -> c.kind() + " " + c.sequence()).containsExactly("RETIRED 10", "HEAD 5");
    }

    @Test
    void witnessCopies_areTheConfiguredFiles() {
        assertThat(checkpoints.witnessCopies().checkpointFile()).isEqualTo(fixture.file.path().normalize().toString());
        assertThat(checkpoints.witnessCopies().headWitnessFile()).isEqualTo(fixture.witness.path().normalize().toString());
    }

    @Test
    void newestFirst_whenTheTableCannotBeRead_isTheLogUnavailable() {
        fixture.owner.execute("ALTER TABLE cp_access_log_checkpoint RENAME TO cp_access_log_checkpoint_away");

        assertThatThrownBy(() -> checkpoints.newestFirst(Optional.empty(), 10))
                .isInstanceOf(AccessLogUnavailableException.class).hasMessageStartingWith("CP-0110");
    }

    @Test
    void aCursor_isASequenceAndAKind_anythingElseIsRefused() {
        assertThat(SignedCheckpoint.CheckpointCursor.parse("10-HEAD")).isEqualTo(
                new SignedCheckpoint.CheckpointCursor(10, "HEAD"));
        for (String bad : new String[] {"", "HEAD", "-1-HEAD", "10-head", "10-OTHER", "x-HEAD"}) {
            assertThatThrownBy(() -> SignedCheckpoint.CheckpointCursor.parse(bad)).as(bad)
                    .hasMessageStartingWith("CP-0172");
        }
    }
}
