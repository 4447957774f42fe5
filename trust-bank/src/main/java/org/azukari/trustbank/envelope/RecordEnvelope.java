package org.azukari.trustbank.envelope;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.RecordContent;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.api.UnreadableRecordException;
import org.azukari.trustbank.keys.DataKey;

/**
 * The encrypted form of one record version, as stored in the record table.
 *
 * <pre>
 * offset  length  field
 * 0       1       format version, 0x01
 * 1       4       data key generation (big-endian int, at least 1): which of the resident's
 *                 data keys encrypted this; the wrapped data key itself lives in the
 *                 resident's keyring, so rotating the key-encryption key rewraps a handful
 *                 of data keys instead of touching every record
 * 5       12      AES-GCM nonce, random per record version
 * 17      n + 16  AES-256-GCM ciphertext of the record and its 128-bit tag
 * </pre>
 *
 * Bytes 5 onwards are exactly what Tink's {@code AesGcmJce} writes ({@code nonce ‖ ciphertext ‖
 * tag}), the one AEAD every sealed byte of the bank goes through ({@link DataKey#aead()}).
 *
 * The associated data is the header followed by the {@link RecordBinding}, which binds resident, record id, version and
 * resource type, so a ciphertext copied to another row, version or resident fails to
 * decrypt. Every parse or authentication failure is the same {@link UnreadableRecordException}.
 */
public final class RecordEnvelope {

    public static final byte FORMAT_VERSION = 0x01;
    public static final int HEADER_LENGTH = 1 + 4;
    public static final int NONCE_LENGTH = 12;
    public static final int TAG_LENGTH = 16;
    public static final int MIN_LENGTH = HEADER_LENGTH + NONCE_LENGTH + TAG_LENGTH + 1;
    public static final int MAX_LENGTH = HEADER_LENGTH + NONCE_LENGTH + RecordContent.MAX_LENGTH + TAG_LENGTH;

    private RecordEnvelope() {
    }

    public static byte[] seal(RecordContent content, DataKey key, int dataKeyGeneration, RecordBinding binding) {
        if (dataKeyGeneration < 1) {
            throw new BadInputException(TrustBankError.TB_0405, "data key generation must be positive");
        }
        byte[] header = ByteBuffer.allocate(HEADER_LENGTH).put(FORMAT_VERSION).putInt(dataKeyGeneration).array();
        byte[] plaintext = content.plaintextBytes();
        try {
            byte[] sealed = key.aead().encrypt(plaintext, associatedData(header, binding));
            return ByteBuffer.allocate(HEADER_LENGTH + sealed.length).put(header).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0406, "AES-GCM encryption failed", e);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** The data key generation named in the header, so the right key can be fetched before {@link #open}. */
    public static int dataKeyGeneration(byte[] envelope) {
        checkShape(envelope);
        int generation = ByteBuffer.wrap(envelope, 1, 4).getInt();
        if (generation < 1) {
            throw unreadable();
        }
        return generation;
    }

    public static RecordContent open(byte[] envelope, DataKey key, RecordBinding binding) {
        dataKeyGeneration(envelope);
        try {
            byte[] header = Arrays.copyOf(envelope, HEADER_LENGTH);
            byte[] plaintext = key.aead().decrypt(Arrays.copyOfRange(envelope, HEADER_LENGTH, envelope.length),
                    associatedData(header, binding));
            try {
                return RecordContent.of(plaintext);
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable();
        }
    }

    private static byte[] associatedData(byte[] header, RecordBinding binding) {
        byte[] bound = binding.bytes();
        return ByteBuffer.allocate(header.length + bound.length).put(header).put(bound).array();
    }

    private static void checkShape(byte[] envelope) {
        if (envelope == null || envelope.length < MIN_LENGTH || envelope.length > MAX_LENGTH
                || envelope[0] != FORMAT_VERSION) {
            throw unreadable();
        }
    }

    private static UnreadableRecordException unreadable() {
        return new UnreadableRecordException("record envelope unreadable");
    }
}
