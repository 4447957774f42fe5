package org.azukari.fhir.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.azukari.identity.api.BankSecrets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportFilesTest {

    @TempDir
    Path directory;

    final BankSecrets secrets = purpose -> ("secret-for-" + purpose).repeat(4).substring(0, 32)
            .getBytes(StandardCharsets.UTF_8);

    ExportFiles files() {
        return new ExportFiles(directory, secrets);
    }

    @Test
    void linesComeBackAsNdjson_inOrder_andNothingOfThemIsReadableOnDisk() throws IOException {
        ExportFiles files = files();
        try (ExportFiles.LineWriter writer = files.writer("job-1", "Observation")) {
            writer.write("{\"resourceType\":\"Observation\",\"code\":\"4548-4\"}");
            writer.write("{\"resourceType\":\"Observation\",\"code\":\"29463-7\"}");
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        files.copyTo("job-1", "Observation", out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"resourceType\":\"Observation\",\"code\":\"4548-4\"}\n"
                + "{\"resourceType\":\"Observation\",\"code\":\"29463-7\"}\n");
        String raw = new String(files.rawBytes("job-1", "Observation").readAllBytes(), StandardCharsets.ISO_8859_1);
        assertThat(raw).doesNotContain("4548-4").doesNotContain("resourceType");
    }

    @Test
    void aFileMovedToAnotherJob_orAnotherType_doesNotOpen() throws IOException {
        ExportFiles files = files();
        try (ExportFiles.LineWriter writer = files.writer("job-1", "Observation")) {
            writer.write("{\"a\":1}");
        }
        Files.createDirectories(directory.resolve("job-2"));
        Files.copy(directory.resolve("job-1").resolve("Observation.ndjson.sealed"),
                directory.resolve("job-2").resolve("Observation.ndjson.sealed"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(directory.resolve("job-1").resolve("Observation.ndjson.sealed"),
                directory.resolve("job-1").resolve("Patient.ndjson.sealed"));

        assertThatThrownBy(() -> files.copyTo("job-2", "Observation", new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> files.copyTo("job-1", "Patient", new ByteArrayOutputStream()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void deletingAJob_removesItsFiles_andAMalformedJobIdIsRefused() {
        ExportFiles files = files();
        try (ExportFiles.LineWriter writer = files.writer("job-1", "Patient")) {
            writer.write("{}");
        }

        files.delete("job-1");

        assertThat(directory.resolve("job-1")).doesNotExist();
        assertThatThrownBy(() -> files.delete("../etc")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Job "job-1", type Observation, two lines, written before the move to Tink (2026-12-07) under bytes 1…32. */
    private static final String FILE_WRITTEN_BEFORE_TINK = "0000002332946e74d4b3f2c5040f69a5b0e0e00c15bb9ab8c0dfcd03fd4cf7e3"
            + "6a960296c5651f00000023b69ca98f7c1ceb6bef1529830d741bcc4033655087fd6c3a348bb76d129042c54f1053";

    @Test
    void aFileWrittenBeforeTheMoveToTink_readsBackLineByLine(@TempDir Path written) throws IOException {
        byte[] vectorKey = new byte[32];
        for (int i = 0; i < vectorKey.length; i++) {
            vectorKey[i] = (byte) (i + 1);
        }
        Files.createDirectories(written.resolve("job-1"));
        Files.write(written.resolve("job-1").resolve("Observation.ndjson.sealed"), HexFormat.of().parseHex(FILE_WRITTEN_BEFORE_TINK));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new ExportFiles(written, purpose -> vectorKey).copyTo("job-1", "Observation", out);

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n{\"b\":2}\n");
    }
}
