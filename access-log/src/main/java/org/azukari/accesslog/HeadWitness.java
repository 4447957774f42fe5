package org.azukari.accesslog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;

/**
 * The chain's latest head, kept outside the database: written and forced to disk after each
 * commit of the log and before the callers that appended are answered, so the verifier can
 * see a cut tail that no signed checkpoint covers yet. It holds a sequence and its chain hash,
 * unsigned: the periodic signed {@link Checkpoint}s anchor it (docs/access-log.md says why).
 *
 * <p>Layout: two slots of {@value #SLOT} bytes, written in turn, so a write torn by a crash
 * spoils only the slot being written and leaves the previous witness readable in the other.
 * A slot is {@code w1 <sequence> <hash> <crc32c>} (the checksum over the text before it, eight
 * hex digits), padded with spaces and ended by a newline. The witness is the valid slot with
 * the higher sequence. The file is overwritten in place, a fixed 256 bytes: one line per
 * commit would grow by gigabytes a year.
 */
public final class HeadWitness {

    static final int SLOT = 128;
    private static final Pattern TEXT = Pattern.compile("w1 (\\d{1,19}) ([0-9a-f]{64}) ([0-9a-f]{8}) *\n");

    private final Path path;
    private int nextSlot = -1;

    /** What the file says. */
    public sealed interface Reading permits Absent, Malformed, Witnessed {
    }

    /** No file, or an empty one: nothing was ever witnessed here. */
    public record Absent() implements Reading {
    }

    /** A file with no valid slot: edited or overwritten by something else. */
    public record Malformed() implements Reading {
    }

    /** The head that was witnessed: this sequence had this chain hash. */
    public record Witnessed(long sequence, String hash) implements Reading {

        public Witnessed {
            if (sequence < 0 || hash == null || !hash.matches("[0-9a-f]{64}")) {
                throw new BadInputException(ConsentPolicyError.CP_0136, "malformed head witness");
            }
        }
    }

    public HeadWitness(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Reads both slots; an unreadable file (not a missing one) is {@code CP-0136}. */
    public Reading read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return new Absent();
        } catch (IOException e) {
            throw new UncheckedIOException("CP-0136 head witness cannot be read", e);
        }
        if (bytes.length == 0) {
            return new Absent();
        }
        if (bytes.length > 2 * SLOT) {
            return new Malformed();
        }
        Optional<Witnessed> first = slot(bytes, 0);
        Optional<Witnessed> second = slot(bytes, 1);
        return latest(first, second).<Reading>map(w -> w).orElseGet(Malformed::new);
    }

    /**
     * Writes {@code head} over the older slot and forces it to disk. A failure is {@code CP-0135};
     * the next write goes to the same slot, so the last good witness is never the one overwritten.
     * Callers serialise writes.
     */
    public void write(Witnessed head) {
        try {
            if (nextSlot < 0) {
                nextSlot = olderSlot();
            }
            Files.createDirectories(path.getParent());
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(text(head));
                long position = (long) nextSlot * SLOT;
                boolean grows = channel.size() < position + SLOT;
                while (buffer.hasRemaining()) {
                    position += channel.write(buffer, position);
                }
                // once both slots exist the size never changes, and the data alone needs to reach the disk
                channel.force(grows);
            }
            nextSlot = 1 - nextSlot;
        } catch (IOException e) {
            throw new UncheckedIOException("CP-0135 head witness cannot be written", e);
        }
    }

    private int olderSlot() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return 0;
        }
        Optional<Witnessed> first = slot(bytes, 0);
        Optional<Witnessed> second = slot(bytes, 1);
        if (first.isEmpty()) {
            return 0;
        }
        return second.isEmpty() || first.get().sequence() >= second.get().sequence() ? 1 : 0;
    }

    static byte[] text(Witnessed head) {
        String body = "w1 " + head.sequence() + " " + head.hash();
        String line = body + " " + crc(body);
        byte[] slot = new byte[SLOT];
        Arrays.fill(slot, (byte) ' ');
        byte[] text = line.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, slot, 0, text.length);
        slot[SLOT - 1] = '\n';
        return slot;
    }

    private static Optional<Witnessed> slot(byte[] bytes, int index) {
        if (bytes.length < (index + 1) * SLOT) {
            return Optional.empty();
        }
        Matcher matcher = TEXT.matcher(new String(bytes, index * SLOT, SLOT, StandardCharsets.US_ASCII));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String body = "w1 " + matcher.group(1) + " " + matcher.group(2);
        if (!crc(body).equals(matcher.group(3))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Witnessed(Long.parseLong(matcher.group(1)), matcher.group(2)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Witnessed> latest(Optional<Witnessed> first, Optional<Witnessed> second) {
        if (first.isEmpty() || second.isEmpty()) {
            return first.or(() -> second);
        }
        return Optional.of(first.get().sequence() >= second.get().sequence() ? first.get() : second.get());
    }

    private static String crc(String body) {
        CRC32C crc = new CRC32C();
        crc.update(body.getBytes(StandardCharsets.US_ASCII));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
