package org.azukari.identity.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Set;
import java.util.UUID;
import org.azukari.consent.api.BadInputException;
import org.azukari.consent.api.BadStateException;
import org.azukari.identity.api.IdentityError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bank's key for signing access tokens: an EC P-256 key (ES256) or an RSA key of 2048 bits
 * or more (RS256), as a private JWK with a {@code kid}. It comes from the environment
 * ({@code azukari.identity.oauth.signing-key}) or from a file created owner-only ({@code 0600})
 * on first start. Several instances must share one key: give them the same JWK. {@link #toString()}
 * shows the {@code kid} only.
 */
public final class BankSigningKey {

    private static final Logger log = LoggerFactory.getLogger(BankSigningKey.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final String keyId;
    private final JWSAlgorithm algorithm;
    private final JWSSigner signer;
    private final JWSVerifier verifier;

    private BankSigningKey(String keyId, JWSAlgorithm algorithm, JWSSigner signer, JWSVerifier verifier) {
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.signer = signer;
        this.verifier = verifier;
    }

    /** Parses a private JWK; errors carry a code only (the text is a secret). */
    public static BankSigningKey fromJwk(String json) {
        JWK jwk;
        try {
            jwk = JWK.parse(json);
        } catch (ParseException | RuntimeException e) {
            throw new BadInputException(IdentityError.ID_0283, "unreadable OAuth signing key");
        }
        if (!jwk.isPrivate() || jwk.getKeyID() == null || jwk.getKeyID().isBlank()) {
            throw new BadInputException(IdentityError.ID_0284, "the OAuth signing key must be a private JWK with a kid");
        }
        try {
            if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                return new BankSigningKey(ec.getKeyID(), JWSAlgorithm.ES256, new ECDSASigner(ec), new ECDSAVerifier(ec.toPublicJWK()));
            }
            if (jwk instanceof RSAKey rsa && rsa.size() >= 2048) {
                return new BankSigningKey(rsa.getKeyID(), JWSAlgorithm.RS256, new RSASSASigner(rsa), new RSASSAVerifier(rsa.toPublicJWK()));
            }
        } catch (JOSEException e) {
            throw new BadInputException(IdentityError.ID_0283, "unreadable OAuth signing key");
        }
        throw new BadInputException(IdentityError.ID_0285, "the OAuth signing key must be EC P-256 or RSA of 2048 bits or more");
    }

    /** Reads the key file, or creates it with a new ES256 key, owner read/write only. */
    public static BankSigningKey fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file);
            } else if (file.getFileSystem().supportedFileAttributeViews().contains("posix")
                    && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
                log.warn("The OAuth signing key file {} is readable by others than its owner; make it 0600",
                        file.toAbsolutePath());
            }
            return fromJwk(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("ID-0286 cannot read or create the OAuth signing key file", e);
        }
    }

    /** A fresh in-memory ES256 key (tests; a single short-lived instance). */
    public static BankSigningKey generate() {
        return fromJwk(newJwk());
    }

    private static void create(Path file) throws IOException {
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        String jwk = newJwk();
        try {
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, jwk, StandardCharsets.UTF_8);
            log.info("Created the OAuth signing key file {}", file.toAbsolutePath());
        } catch (FileAlreadyExistsException another) {
            // another instance on the same data directory won the race; use its key
        }
    }

    private static String newJwk() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256).generate().toJSONString();
        } catch (JOSEException e) {
            throw new BadStateException(IdentityError.ID_0287, "cannot generate an OAuth signing key", e);
        }
    }

    String keyId() {
        return keyId;
    }

    JWSAlgorithm algorithm() {
        return algorithm;
    }

    JWSSigner signer() {
        return signer;
    }

    JWSVerifier verifier() {
        return verifier;
    }

    @Override
    public String toString() {
        return "BankSigningKey[kid=" + keyId + ", alg=" + algorithm + "]";
    }
}
