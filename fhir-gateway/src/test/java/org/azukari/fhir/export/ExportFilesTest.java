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
}
