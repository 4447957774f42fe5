package org.azukari.trustbank.signing;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.azukari.consent.api.BadStateException;
import org.azukari.trustbank.api.TrustBankError;
import org.azukari.trustbank.keys.local.LocalMasterKey;

/**
 * The local checkpoint-signing key pair on disk. The whole file is one blob sealed by
 * {@link LocalMasterKey#seal} (AES-256-GCM, nonce first) with associated data
 * {@value #ASSOCIATED_DATA}, so no key byte is stored in clear and a key-encryption key file
 * cannot be passed off as this one. Sealed layout:
 * {@code u16 n ‖ n bytes PKCS#8 private key ‖ X.509 SubjectPublicKeyInfo public key}.
 *
 * <p>Created with mode 0600: written to a 0600 temporary file, then linked into place, which
 * fails if another process created the file first (theirs is kept). On load the key must be a
 * P-256 pair that signs and verifies; anything else (another master key, a damaged or swapped
 * file) fails the start with TB-0603 rather than signing with a key nobody can check.
 */
final class SigningKeyFile {

    static final String ASSOCIATED_DATA = "azukari-checkpoint-signing/v1";
    private static final int MAX_FILE_LENGTH = 4096;

    private SigningKeyFile() {
    }

    static KeyPair loadOrCreate(Path file, LocalMasterKey masterKey) {
        try {
            if (!Files.exists(file)) {
                create(file, masterKey);
            }
            return load(file, masterKey);
        } catch (IOException e) {
            throw new UncheckedIOException("TB-0605 cannot read or create checkpoint signing key file " + file, e);
        }
    }

    private static void create(Path file, LocalMasterKey masterKey) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        byte[] sealed = masterKey.seal(encode(generate()), aad());
        Path temporary = Files.createTempFile(directory, "checkpoint-signing", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, sealed);
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another process created it first: keep theirs
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static KeyPair load(Path file, LocalMasterKey masterKey) throws IOException {
        byte[] sealed;
        try {
            if (Files.size(file) > MAX_FILE_LENGTH) {
                throw unreadable(file);
            }
            sealed = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw unreadable(file);
        }
        byte[] plaintext = null;
        try {
            plaintext = masterKey.open(sealed, aad());
            KeyPair pair = decode(plaintext);
            checkPair(pair);
            return pair;
        } catch (RuntimeException | GeneralSecurityException | IOException e) {
            throw unreadable(file); // no cause: one opaque reason, whatever failed
        } finally {
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new BadStateException(TrustBankError.TB_0604, "cannot generate an ECDSA P-256 key pair", e);
        }
    }

    private static byte[] encode(KeyPair pair) {
        byte[] privateKey = pair.getPrivate().getEncoded();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeShort(privateKey.length);
            out.write(privateKey);
            out.write(pair.getPublic().getEncoded());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
        return bytes.toByteArray();
    }

    private static KeyPair decode(byte[] plaintext) throws IOException, GeneralSecurityException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(plaintext));
        int privateLength = in.readUnsignedShort();
        if (privateLength < 1 || privateLength > plaintext.length - 2) {
            throw new IOException("bad length");
        }
        byte[] privateKey = new byte[privateLength];
        in.readFully(privateKey);
        byte[] publicKey = in.readAllBytes();
        KeyFactory factory = KeyFactory.getInstance("EC");
        try {
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(publicKey)),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(privateKey)));
        } finally {
            Arrays.fill(privateKey, (byte) 0);
        }
    }

    /** A P-256 pair whose halves belong together: a probe signed by one verifies with the other. */
    private static void checkPair(KeyPair pair) throws GeneralSecurityException {
        ECPublicKey publicKey = (ECPublicKey) pair.getPublic();
        ECPrivateKey privateKey = (ECPrivateKey) pair.getPrivate();
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        BigInteger p256Order = parameters.getParameterSpec(ECParameterSpec.class).getOrder();
        if (!p256Order.equals(publicKey.getParams().getOrder()) || !p256Order.equals(privateKey.getParams().getOrder())) {
            throw new GeneralSecurityException("not P-256");
        }
        byte[] probe = ASSOCIATED_DATA.getBytes(StandardCharsets.US_ASCII);
        Signature signer = Signature.getInstance(LocalCheckpointSigner.ALGORITHM);
        signer.initSign(privateKey);
        signer.update(probe);
        Signature verifier = Signature.getInstance(LocalCheckpointSigner.ALGORITHM);
        verifier.initVerify(publicKey);
        verifier.update(probe);
        if (!verifier.verify(signer.sign())) {
            throw new GeneralSecurityException("halves do not match");
        }
    }

    private static byte[] aad() {
        return ASSOCIATED_DATA.getBytes(StandardCharsets.US_ASCII);
    }

    private static IllegalStateException unreadable(Path file) {
        return new BadStateException(TrustBankError.TB_0603, "checkpoint signing key file " + file
                + " unreadable: sealed under another master key, damaged or replaced");
    }
}
