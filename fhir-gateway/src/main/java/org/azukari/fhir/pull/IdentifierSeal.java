package org.azukari.fhir.pull;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.fhir.mapping.FhirGatewayError;

/**
 * Seals a target's upstream identifier with AES-256-GCM (Tink's {@code AesGcmJce}) under the bank secret for
 * {@value #PURPOSE}, so that the pull tables hold no MRN in clear.
 *
 * <p>Layout: {@code version (1 byte, 1) || nonce (12) || ciphertext+tag}, where the plaintext is
 * {@code length of system (2 bytes, big-endian) || system (UTF-8) || value (UTF-8)}. Associated
 * data: {@code "fg_pull_target|" + source id + "|" + resident id}, so a sealed identifier copied
 * to another row does not open. Every failure (wrong key, other row, flipped bit, bad length) is
 * the same {@code FG-0620}: no oracle.
 */
public final class IdentifierSeal {

    public static final String PURPOSE = "gateway/pull-target-seal-v1";
    static final byte VERSION = 1;
    static final int NONCE_LENGTH = 12;
    static final int TAG_BITS = 128;
    static final int MAX_SYSTEM = 255;
    static final int MAX_VALUE = 128;
    /** version + nonce + length prefix + the longest system and value in UTF-8 (4 bytes a char at most) + tag. */
    public static final int MAX_SEALED_LENGTH = 1 + NONCE_LENGTH + 2 + 4 * (MAX_SYSTEM + MAX_VALUE) + TAG_BITS / 8;

    private final Aead aead;

    public IdentifierSeal(byte[] key) {
        if (key == null || key.length != 32) {
            throw new BadInputException(FhirGatewayError.FG_0692, "AES-256 needs a 32-byte key");
        }
        try {
            this.aead = new AesGcmJce(key);
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0693, "AES-GCM unavailable", e);
        }
    }

    public byte[] seal(PullTarget target, UpstreamIdentifier identifier) {
        byte[] system = identifier.system().getBytes(StandardCharsets.UTF_8);
        byte[] value = identifier.value().getBytes(StandardCharsets.UTF_8);
        if (identifier.system().length() > MAX_SYSTEM || identifier.value().length() > MAX_VALUE) {
            throw new BadInputException(FhirGatewayError.FG_0605, "identifier too long");
        }
        byte[] plain = ByteBuffer.allocate(2 + system.length + value.length)
                .putShort((short) system.length).put(system).put(value).array();
        try {
            byte[] sealed = aead.encrypt(plain, associatedData(target));
            return ByteBuffer.allocate(1 + sealed.length).put(VERSION).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new BadStateException(FhirGatewayError.FG_0693, "AES-GCM unavailable", e);
        }
    }

    public UpstreamIdentifier open(PullTarget target, byte[] sealed) {
        if (sealed == null || sealed.length < 1 + NONCE_LENGTH + 2 + TAG_BITS / 8 || sealed.length > MAX_SEALED_LENGTH
                || sealed[0] != VERSION) {
            throw unreadable();
        }
        try {
            ByteBuffer plain = ByteBuffer.wrap(aead.decrypt(Arrays.copyOfRange(sealed, 1, sealed.length),
                    associatedData(target)));
            int systemLength = Short.toUnsignedInt(plain.getShort());
            if (systemLength > plain.remaining()) {
                throw unreadable();
            }
            byte[] system = new byte[systemLength];
            plain.get(system);
            byte[] value = new byte[plain.remaining()];
            plain.get(value);
            return new UpstreamIdentifier(new String(system, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException | RuntimeException e) {
            throw unreadable();
        }
    }

    private static byte[] associatedData(PullTarget target) {
        return ("fg_pull_target|" + target.source() + "|" + target.resident()).getBytes(StandardCharsets.US_ASCII);
    }

    private static PullFailure unreadable() {
        return new PullFailure(FhirGatewayError.FG_0620, "the sealed upstream identifier is unreadable");
    }

    @Override
    public String toString() {
        return "IdentifierSeal[key=redacted]";
    }
}
