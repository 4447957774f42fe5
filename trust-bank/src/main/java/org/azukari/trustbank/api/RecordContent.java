package org.azukari.trustbank.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The plaintext of a record (a FHIR resource as JSON bytes). Redacted by construction:
 * {@link #toString()} shows only the length; the bytes come out through {@link #plaintextBytes()}.
 */
public final class RecordContent {

    /** The largest record the bank takes; larger FHIR resources belong in a Binary store, not here. */
    public static final int MAX_LENGTH = 8 * 1024 * 1024;

    private final byte[] bytes;

    private RecordContent(byte[] bytes) {
        if (bytes.length == 0) {
            throw new InvalidRecordException("empty record");
        }
        if (bytes.length > MAX_LENGTH) {
            throw new InvalidRecordException("record larger than " + MAX_LENGTH + " bytes");
        }
        this.bytes = bytes;
    }

    public static RecordContent of(byte[] bytes) {
        return new RecordContent(bytes.clone());
    }

    public static RecordContent ofUtf8(String text) {
        return new RecordContent(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The plaintext; callers must not log it or keep it longer than a request. */
    public byte[] plaintextBytes() {
        return bytes.clone();
    }

    public String plaintextUtf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordContent that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RecordContent[" + bytes.length + " bytes, redacted]";
    }
}
