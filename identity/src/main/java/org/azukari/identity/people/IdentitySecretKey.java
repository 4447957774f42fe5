package org.azukari.identity.people;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.IdentityError;

/**
 * The identity secret key: 32 random bytes, base64 in the environment or in a file readable by
 * the bank's user alone. It is never used directly: each purpose gets its own key, derived as
 * HMAC-SHA-256(key, "azukari-identity/" + purpose) (HKDF-Expand with one block), so the
 * TOTP-sealing key and the enrolment-hash key are independent.
 */
final class IdentitySecretKey {

    static final String TOTP_SEAL = "totp-seal-v1";
    static final String ENROLMENT_HASH = "enrolment-hash-v1";

    private final byte[] key;

    private IdentitySecretKey(byte[] key) {
        if (key.length != 32) {
            throw new BadInputException(IdentityError.ID_0191, "the identity secret key must be 32 bytes, base64-encoded");
        }
        this.key = key;
    }

    static IdentitySecretKey fromBase64(String base64) {
        try {
            return new IdentitySecretKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(IdentityError.ID_0191, "the identity secret key must be 32 bytes, base64-encoded");
        }
    }

    /** Reads the key file, creating it (mode 0600) with a fresh random key when it does not exist yet. */
    static IdentitySecretKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.createFile(file,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh), StandardCharsets.US_ASCII);
            }
            return fromBase64(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("ID-0192 cannot read the identity secret key file " + file, e);
        }
    }

    static IdentitySecretKey from(IdentityProperties properties, Path dataDir) {
        if (properties.secretKey() != null && !properties.secretKey().isBlank()) {
            return fromBase64(properties.secretKey());
        }
        return fromFile(properties.secretKeyFile() != null ? properties.secretKeyFile()
                : dataDir.resolve("identity.key"));
    }

    /** The 32-byte key for one purpose. */
    byte[] derive(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("azukari-identity/" + purpose).getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new BadStateException(IdentityError.ID_0193, "HMAC-SHA-256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        return "IdentitySecretKey[redacted]";
    }
}
