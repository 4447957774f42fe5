package org.azukari.fhir.export;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;
import org.azukari.identity.api.BankSecrets;

/**
 * The NDJSON files of export jobs, encrypted at rest (de-identified data is still health data):
 * one file per job and resource type under {@code <directory>/<job>/}, each line sealed on its
 * own with AES-256-GCM (Tink's {@code AesGcmJce}) under a key derived for the job
 * ({@code HMAC-SHA-256(BankSecrets.derive("gateway/export-files-v1"), job)}), with a random
 * nonce and the job, type and line number as associated data (lines cannot be moved between
 * files or reordered). Frame: {@code u32 length ‖ 12-byte nonce ‖ ciphertext+tag}. Lines are
 * written and read one at a time, so neither side holds a whole file.
 */
public final class ExportFiles {

    public static final String KEY_PURPOSE = "gateway/export-files-v1";
    private static final Pattern JOB = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final Path directory;
    private final SecretKeySpec master;

    public ExportFiles(Path directory, BankSecrets secrets) {
        this.directory = directory;
        this.master = new SecretKeySpec(secrets.derive(KEY_PURPOSE), "HmacSHA256");
    }

    /** Appends lines to one type's file of a job. */
    public final class LineWriter implements AutoCloseable {
        private final DataOutputStream out;
        private final Aead key;
        private final String job;
        private final String type;
        private long lines;

        private LineWriter(String job, String type) throws IOException {
            Path dir = directory.resolve(job);
            Files.createDirectories(dir);
            this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file(job, type))));
            this.key = key(job);
            this.job = job;
            this.type = type;
        }

        public void write(String line) {
            try {
                byte[] sealed = key.encrypt(line.getBytes(StandardCharsets.UTF_8), aad(job, type, lines));
                out.writeInt(sealed.length);
                out.write(sealed);
                lines++;
            } catch (GeneralSecurityException e) {
                throw new BadStateException(FhirGatewayError.EX_0704, "export files cannot be encrypted", e);
            } catch (IOException e) {
                throw new UncheckedIOException("EX-0705 export file cannot be written", e);
            }
        }

        public long lines() {
            return lines;
        }

        @Override
        public void close() {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("EX-0705 export file cannot be written", e);
            }
        }
    }

    public LineWriter writer(String job, String type) {
        try {
            return new LineWriter(job, type);
        } catch (IOException e) {
            throw new UncheckedIOException("EX-0705 export file cannot be created", e);
        }
    }

    /**
     * Makes the job's directory, before the job is recorded: a job whose directory is on this
     * instance's disk is one this instance runs (what {@link InterruptedExports} looks for after a
     * stop). Fails (EX-0705) when the export storage cannot be written.
     */
    public void claim(String job) {
        try {
            Files.createDirectories(directory.resolve(checked(job)));
        } catch (IOException e) {
            throw new UncheckedIOException("EX-0705 export directory cannot be created", e);
        }
    }

    /** Whether the job's directory is on this instance's disk (see {@link #claim}). */
    public boolean holds(String job) {
        return Files.isDirectory(directory.resolve(checked(job)));
    }

    public boolean exists(String job, String type) {
        return Files.isRegularFile(file(job, type));
    }

    /** Writes the decrypted NDJSON of one file to {@code out}, line by line. */
    public void copyTo(String job, String type, OutputStream out) throws IOException {
        Aead key = key(job);
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(file(job, type))))) {
            for (long line = 0; ; line++) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                if (length < 12 + 16 || length > MAX_FRAME) {
                    throw new IOException("EX-0706 export file damaged");
                }
                byte[] frame = in.readNBytes(length);
                out.write(key.decrypt(frame, aad(job, type, line)));
                out.write('\n');
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("EX-0706 export file damaged or not this job's", e);
        }
    }

    /** Removes a job's files; nothing left is not an error. */
    public void delete(String job) {
        Path dir = directory.resolve(checked(job));
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("EX-0707 export files cannot be removed", e);
        }
    }

    /** For tests and operators: the raw bytes at rest of one file. */
    public InputStream rawBytes(String job, String type) throws IOException {
        return Files.newInputStream(file(job, type));
    }

    private Path file(String job, String type) {
        if (!TYPE.matcher(type).matches()) {
            throw new BadInputException(FhirGatewayError.EX_0708, "malformed resource type");
        }
        return directory.resolve(checked(job)).resolve(type + ".ndjson.sealed");
    }

    private static String checked(String job) {
        if (!JOB.matcher(job).matches()) {
            throw new BadInputException(FhirGatewayError.EX_0708, "malformed job id");
        }
        return job;
    }

    private Aead key(String job) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(master);
            return new AesGcmJce(mac.doFinal(checked(job).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.EX_0702, "HMAC-SHA-256 unavailable", e);
        }
    }

    private static byte[] aad(String job, String type, long line) {
        return (job + "|" + type + "|" + line).getBytes(StandardCharsets.UTF_8);
    }
}
