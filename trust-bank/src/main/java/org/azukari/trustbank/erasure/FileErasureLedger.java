package org.azukari.trustbank.erasure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.azukari.consent.api.BadStateException;
import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.ErasureLedgerUnavailableException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.KeyId;
import org.azukari.trustbank.records.ErasedResident;

/**
 * An append-only text file, one erasure a line: {@code <resident id> <key id> <ISO instant>}, the key id
 * {@code -} for a resident erased before any custody existed.
 * Each append is forced to disk before the resident's key is destroyed: the line is the erasure's
 * write-ahead record, so an erasure interrupted after it (a crash, a vault fault) is finished at
 * the next start or by asking again, and one the ledger cannot take destroys nothing. Keep the file on storage that is
 * backed up apart from the database (docs/trust-bank.md, "Erasure and backups").
 */
public final class FileErasureLedger implements ErasureLedger {

    /** In place of the key id, for a resident erased before any custody (and so any key) existed. */
    private static final String NO_KEY = "-";

    private final Path file;

    public FileErasureLedger(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("TB-0430 cannot create the erasure ledger's directory", e);
        }
    }

    @Override
    public synchronized void append(ErasedResident erasure) {
        String line = erasure.resident() + " " + erasure.kek().map(KeyId::value).orElse(NO_KEY) + " "
                + erasure.erasedAt() + "\n";
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
            channel.force(true);
        } catch (IOException e) {
            throw new ErasureLedgerUnavailableException("cannot append to the erasure ledger", e);
        }
    }

    @Override
    public synchronized List<ErasedResident> entries() {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            List<ErasedResident> entries = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(" ");
                if (fields.length != 3) {
                    throw new BadStateException(TrustBankError.TB_0432, "the erasure ledger has a malformed line");
                }
                Optional<KeyId> kek = NO_KEY.equals(fields[1]) ? Optional.empty() : Optional.of(new KeyId(fields[1]));
                entries.add(new ErasedResident(ResidentId.parse(fields[0]), kek, Instant.parse(fields[2])));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException("TB-0433 cannot read the erasure ledger", e);
        }
    }
}
