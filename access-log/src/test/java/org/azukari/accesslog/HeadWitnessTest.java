package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.azukari.accesslog.HeadWitness.Witnessed;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadWitnessTest {

    private static final Witnessed SEVEN = new Witnessed(7, "ab".repeat(32));
    private static final Witnessed EIGHT = new Witnessed(8, "cd".repeat(32));
    private static final Witnessed NINE = new Witnessed(9, "ef".repeat(32));

    @TempDir
    Path directory;

    @Test
    void read_ofNoFile_isAbsent_andOfAnEmptyOne_too() throws Exception {
        HeadWitness witness = new HeadWitness(directory.resolve("witness"));
        assertThat(witness.read()).isInstanceOf(HeadWitness.Absent.class);
        Files.createFile(witness.path());
        assertThat(witness.read()).isInstanceOf(HeadWitness.Absent.class);
    }

    @Test
    void write_thenRead_givesTheLatestHead_inAFileOfTwoFixedSlots() throws Exception {
        HeadWitness witness = new HeadWitness(directory.resolve("sub/witness"));
        witness.write(SEVEN);
        assertThat(witness.read()).isEqualTo(SEVEN);
        witness.write(EIGHT);
        witness.write(NINE);

        assertThat(witness.read()).isEqualTo(NINE);
        assertThat(Files.size(witness.path())).isEqualTo(2L * HeadWitness.SLOT);
        assertThat(Files.readString(witness.path())).startsWith("w1 9 " + NINE.hash() + " ").contains("w1 8 ");
    }

    @Test
    void read_afterTheLatestSlotWasTornByACrash_givesThePreviousHead() throws Exception {
        HeadWitness witness = new HeadWitness(directory.resolve("witness"));
        witness.write(SEVEN);
        witness.write(EIGHT);
        try (RandomAccessFile file = new RandomAccessFile(witness.path().toFile(), "rw")) {
            file.seek(HeadWitness.SLOT + 10);
            file.write("00000".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(witness.read()).isEqualTo(SEVEN);
    }

    @Test
    void write_inANewProcess_overwritesTheOlderSlot_neverTheLatest() throws Exception {
        Path path = directory.resolve("witness");
        new HeadWitness(path).write(SEVEN);
        new HeadWitness(path).write(EIGHT);
        HeadWitness restarted = new HeadWitness(path);
        restarted.write(NINE);

        assertThat(Files.readString(path)).startsWith("w1 9 ").contains("w1 8 ").doesNotContain("w1 7 ");
        assertThat(restarted.read()).isEqualTo(NINE);
    }

    @Test
    void read_ofAnEditedOrForeignFile_isMalformed() throws Exception {
        HeadWitness witness = new HeadWitness(directory.resolve("witness"));
        witness.write(SEVEN);
        Files.writeString(witness.path(), Files.readString(witness.path()).replace("w1 7 ", "w1 9 "));
        assertThat(witness.read()).isInstanceOf(HeadWitness.Malformed.class);

        Files.writeString(witness.path(), "x".repeat(3 * HeadWitness.SLOT));
        assertThat(witness.read()).isInstanceOf(HeadWitness.Malformed.class);
    }

    @Test
    void write_whereNoFileCanBe_failsWithItsCode() throws Exception {
        HeadWitness witness = new HeadWitness(directory.resolve("witness"));
        Files.createDirectories(witness.path());

        assertThatThrownBy(() -> witness.write(SEVEN)).hasMessageStartingWith("CP-0135");
    }
}
