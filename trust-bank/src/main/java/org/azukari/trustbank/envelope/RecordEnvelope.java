package org.azukari.trustbank.envelope;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.azukari.trustbank.api.RecordContent;
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

    private static final SecureRandom RANDOM = new SecureRandom();

    private RecordEnvelope() {
    }

    public static byte[] seal(RecordContent content, DataKey key, int dataKeyGeneration, RecordBinding binding) {
        if (dataKeyGeneration < 1) {
            throw new IllegalArgumentException("TB-0405 data key generation must be positive");
        }
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        byte[] plaintext = content.plaintextBytes();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_LENGTH * 8, nonce));
            ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH + NONCE_LENGTH + plaintext.length + TAG_LENGTH);
            out.put(FORMAT_VERSION).putInt(dataKeyGeneration);
            cipher.updateAAD(out.array(), 0, HEADER_LENGTH);
            cipher.updateAAD(binding.bytes());
            out.put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plaintext), out);
            return out.array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TB-0406 AES-GCM encryption failed", e);
        } finally {
            java.util.Arrays.fill(plaintext, (byte) 0);
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
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.secretKey(),
                    new GCMParameterSpec(TAG_LENGTH * 8, envelope, HEADER_LENGTH, NONCE_LENGTH));
            cipher.updateAAD(envelope, 0, HEADER_LENGTH);
            cipher.updateAAD(binding.bytes());
            int offset = HEADER_LENGTH + NONCE_LENGTH;
            byte[] plaintext = cipher.doFinal(envelope, offset, envelope.length - offset);
            try {
                return RecordContent.of(plaintext);
            } finally {
                java.util.Arrays.fill(plaintext, (byte) 0);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw unreadable();
        }
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
