package org.azukari.trustbank.keys.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;

/**
 * The local key vault's master key: 32 random bytes, base64 in the environment or in a
 * file that is readable by the bank's user alone. Never in the database, never logged.
 */
public final class LocalMasterKey {

    private final byte[] key;

    private LocalMasterKey(byte[] key) {
        if (key.length != 32) {
            throw new BadInputException(TrustBankError.TB_0414, "the master key must be 32 bytes, base64-encoded");
        }
        this.key = key;
    }

    public static LocalMasterKey fromBase64(String base64) {
        try {
            return new LocalMasterKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(TrustBankError.TB_0414, "the master key must be 32 bytes, base64-encoded");
        }
    }

    /** Reads the key file, creating it (mode 0600) with a fresh random key when it does not exist yet. */
    public static LocalMasterKey fromFile(Path file, boolean createIfMissing) {
        try {
            if (!Files.exists(file)) {
                if (!createIfMissing) {
                    throw new BadStateException(TrustBankError.TB_0415, "master key file " + file + " does not exist");
                }
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("TB-0416 cannot read master key file " + file, e);
        }
    }

    byte[] bytes() {
        return key;
    }

    /**
     * Seals another local secret of the bank under this key (AES-256-GCM, random nonce first),
     * bound to {@code associatedData}, which must name what is sealed so that it cannot be
     * mistaken for a key-encryption key file. Public for the checkpoint signer's key file
     * ({@code org.azukari.trustbank.signing}); the master key bytes themselves stay in this package.
     */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        return Aes.seal(key, plaintext, associatedData);
    }

    /** Opens what {@link #seal} sealed; a wrong key, wrong associated data or any damage is one opaque error. */
    public byte[] open(byte[] sealed, byte[] associatedData) {
        return Aes.open(key, sealed, associatedData);
    }

    @Override
    public String toString() {
        return "LocalMasterKey[redacted]";
    }
}
