package org.azukari.accesslog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.ConsentPolicyError;

/**
 * A signed statement about the chain. {@link Kind#HEAD}: "at {@code time} the entry with this
 * sequence was the head and had this hash", signed over {@code sequence|headHash|time}.
 * {@link Kind#RETIRED}: "entries up to and including this sequence were removed by retention;
 * the last of them had this hash", signed over {@code retired|sequence|hash|time}, so a head
 * signature can never be replayed as a retirement. The time is {@link CanonicalForm#time}.
 *
 * <p>One line of the checkpoint file: {@code v1 <kind> <sequence> <hash> <time> <keyName> <signature>},
 * separated by single spaces.
 */
public record Checkpoint(Kind kind, long sequence, String hash, Instant at, String keyName, String signature) {

    private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern TOKEN = Pattern.compile("\\S{1,2048}");

    public enum Kind { HEAD, RETIRED }

    public Checkpoint {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(at);
        if (sequence < 0 || !HASH.matcher(hash).matches() || !TOKEN.matcher(keyName).matches()
                || !TOKEN.matcher(signature).matches()) {
            throw new BadInputException(ConsentPolicyError.CP_0130, "malformed checkpoint");
        }
    }

    /** The bytes that are signed. */
    public static byte[] payload(Kind kind, long sequence, String hash, Instant at) {
        String text = sequence + "|" + hash + "|" + CanonicalForm.time(at);
        return (kind == Kind.HEAD ? text : "retired|" + text).getBytes(StandardCharsets.UTF_8);
    }

    public byte[] payload() {
        return payload(kind, sequence, hash, at);
    }

    public String line() {
        return String.join(" ", "v1", kind.name().toLowerCase(), Long.toString(sequence), hash,
                CanonicalForm.time(at), keyName, signature);
    }

    /** Parses one file line; a malformed line is refused with {@code CP-0130}. */
    public static Checkpoint parse(String line) {
        String[] parts = line.split(" ", -1);
        if (parts.length != 7 || !parts[0].equals("v1")) {
            throw new BadInputException(ConsentPolicyError.CP_0130, "malformed checkpoint");
        }
        try {
            return new Checkpoint(Kind.valueOf(parts[1].toUpperCase()), Long.parseLong(parts[2]), parts[3],
                    Instant.parse(parts[4]), parts[5], parts[6]);
        } catch (RuntimeException e) {
            throw new BadInputException(ConsentPolicyError.CP_0130, "malformed checkpoint");
        }
    }
}
