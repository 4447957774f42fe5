package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {

    private static final String HASH = "ab".repeat(32);
    private static final Instant AT = Instant.parse("2026-11-26T15:00:00Z");

    @Test
    void payload_ofAHead_isSequenceHashAndTime_andARetirementIsPrefixed() {
        assertThat(new String(Checkpoint.payload(Checkpoint.Kind.HEAD, 7, HASH, AT), StandardCharsets.UTF_8))
                .isEqualTo("7|" + HASH + "|2026-11-26T15:00:00.000000Z");
        assertThat(new String(Checkpoint.payload(Checkpoint.Kind.RETIRED, 7, HASH, AT), StandardCharsets.UTF_8))
                .isEqualTo("retired|7|" + HASH + "|2026-11-26T15:00:00.000000Z");
    }

    @Test
    void line_parsesBackToTheSameCheckpoint() {
        Checkpoint checkpoint = new Checkpoint(Checkpoint.Kind.RETIRED, 7, HASH, AT, "transit:key", "vault:v1:abc=");
        assertThat(checkpoint.line()).isEqualTo("v1 retired 7 " + HASH + " 2026-11-26T15:00:00.000000Z transit:key vault:v1:abc=");
        assertThat(Checkpoint.parse(checkpoint.line())).isEqualTo(checkpoint);
    }

    @Test
    void parse_ofAMalformedLine_fails() {
        assertThatThrownBy(() -> Checkpoint.parse("v1 head 7 nothex 2026-11-26T15:00:00Z k s")).hasMessageStartingWith("CP-0130");
        assertThatThrownBy(() -> Checkpoint.parse("v2 head 7 " + HASH + " 2026-11-26T15:00:00Z k s")).hasMessageStartingWith("CP-0130");
        assertThatThrownBy(() -> Checkpoint.parse("v1 head 7 " + HASH + " 2026-11-26T15:00:00Z k")).hasMessageStartingWith("CP-0130");
    }

    @Test
    void file_onlyEverAppends(@TempDir Path directory) throws Exception {
        CheckpointFile file = new CheckpointFile(directory.resolve("sub/checkpoints.txt"));
        Checkpoint first = new Checkpoint(Checkpoint.Kind.HEAD, 1, HASH, AT, "k", "s1");
        Checkpoint second = new Checkpoint(Checkpoint.Kind.HEAD, 2, HASH, AT, "k", "s2");
        file.append(first);
        file.append(second);
        assertThat(Files.readAllLines(file.path())).containsExactly(first.line(), second.line());
        try (CheckpointFile.Lines lines = file.lines()) {
            assertThat(lines.advance()).isTrue();
            assertThat(lines.current()).isEqualTo(first);
            assertThat(lines.advance()).isTrue();
            assertThat(lines.advance()).isFalse();
        }
    }
}
