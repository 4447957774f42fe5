package org.azukari.trustbank.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import org.azukari.trustbank.keys.local.LocalMasterKey;
import org.azukari.trustbank.testing.MarkerScan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCheckpointSignerTest {

    private static final byte[] PAYLOAD = "checkpoint|size=42|root=abc".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private final LocalMasterKey master = randomMasterKey();

    @Test
    void itsPublishedKey_verifiesItsSignaturesWithPlainJca_andNothingElse() {
        LocalCheckpointSigner signer = signer();
        String signature = signer.sign(PAYLOAD);

        org.azukari.consent.api.VerificationKey key = signer.verificationKeys().get(0);

        assertThat(key.keyId()).isEqualTo("local:v1");
        assertThat(key.verifies(PAYLOAD, signature)).isTrue();
        assertThat(key.verifies("checkpoint|size=43|root=abc".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(key.verifies(PAYLOAD, "vault:v1:" + signature.substring("local:v1:".length()))).isFalse();
    }

    @Test
    void verify_ofOwnSignature_isTrue() {
        LocalCheckpointSigner signer = signer();

        String signature = signer.sign(PAYLOAD);

        assertThat(signature).startsWith("local:v1:");
        assertThat(signer.verify(PAYLOAD, signature)).isTrue();
        assertThat(signer.keyName()).isEqualTo("local:checkpoint-signing");
    }

    @Test
    void verify_overAnotherPayload_isFalse() {
        LocalCheckpointSigner signer = signer();
        String signature = signer.sign(PAYLOAD);

        assertThat(signer.verify("checkpoint|size=43|root=abc".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(signer.verify(new byte[0], signature)).isFalse();
    }

    @Test
    void verify_withAFlippedBitInTheSignature_isFalse() {
        LocalCheckpointSigner signer = signer();
        String signature = signer.sign(PAYLOAD);
        byte[] der = Base64.getDecoder().decode(signature.substring("local:v1:".length()));

        for (int i = 0; i < der.length; i++) {
            byte[] flipped = der.clone();
            flipped[i] ^= 0x01;
            assertThat(signer.verify(PAYLOAD, "local:v1:" + Base64.getEncoder().encodeToString(flipped)))
                    .as("bit flipped in byte %d", i).isFalse();
        }
    }

    @Test
    void verify_withAFlippedBitInThePayload_isFalse() {
        LocalCheckpointSigner signer = signer();
        String signature = signer.sign(PAYLOAD);
        byte[] tampered = PAYLOAD.clone();
        tampered[3] ^= 0x01;

        assertThat(signer.verify(tampered, signature)).isFalse();
    }

    @Test
    void verify_ofAnotherKeysSignature_isFalse() {
        LocalCheckpointSigner signer = signer();
        LocalCheckpointSigner other = new LocalCheckpointSigner(dataDir.resolve("other.key"), master);

        assertThat(signer.verify(PAYLOAD, other.sign(PAYLOAD))).isFalse();
    }

    @Test
    void verify_ofMalformedText_isFalseWithoutThrowing() {
        LocalCheckpointSigner signer = signer();
        String good = signer.sign(PAYLOAD);
        String body = good.substring("local:v1:".length());

        for (String garbage : new String[] {"", "local:v1:", "local:v1:!!!not-base64!!!", "local:v2:" + body,
                "vault:v1:" + body, body, "local:v1:" + body + "AAAA", "local:v1:AAAA", "local:v1:" + "A".repeat(10_000),
                "local:v1:" + body.substring(0, body.length() / 2), "  " + good, "local:v1:\u0000\u00ff"}) {
            assertThat(signer.verify(PAYLOAD, garbage)).as(garbage.length() > 60 ? garbage.substring(0, 60) : garbage).isFalse();
        }
        assertThat(signer.verify(PAYLOAD, null)).isFalse();
        assertThat(signer.verify(null, good)).isFalse();
    }

    @Test
    void sign_twice_givesDifferentSignaturesThatBothVerify() {
        LocalCheckpointSigner signer = signer();

        String first = signer.sign(PAYLOAD);
        String second = signer.sign(PAYLOAD);

        assertThat(first).isNotEqualTo(second); // ECDSA is randomised
        assertThat(signer.verify(PAYLOAD, first)).isTrue();
        assertThat(signer.verify(PAYLOAD, second)).isTrue();
    }

    @Test
    void start_createsTheKeyFileReadableByTheOwnerOnly() throws IOException {
        signer();

        Path file = dataDir.resolve(LocalCheckpointSigner.KEY_FILE_NAME);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(dataDir)) {
            assertThat(files).as("no temporary file left behind").containsExactly(file);
        }
    }

    @Test
    void restart_reusesTheKey() {
        String signature = signer().sign(PAYLOAD);

        LocalCheckpointSigner restarted = signer();

        assertThat(restarted.verify(PAYLOAD, signature)).isTrue();
        assertThat(signer().verify(PAYLOAD, restarted.sign(PAYLOAD))).isTrue();
    }

    @Test
    void restart_underAnotherMasterKey_failsTheStartWithAClearError() {
        signer();

        assertThatThrownBy(() -> LocalCheckpointSigner.inDataDirectory(dataDir, randomMasterKey()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TB-0603 checkpoint signing key file")
                .hasMessageContaining("another master key")
                .hasNoCause();
    }

    @Test
    void restart_withADamagedKeyFile_failsTheStart() throws IOException {
        signer();
        Path file = dataDir.resolve(LocalCheckpointSigner.KEY_FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(file, bytes);

        assertThatThrownBy(this::signer).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TB-0603");
    }

    @Test
    void restart_withAnEmptyOrTruncatedKeyFile_failsTheStart() throws IOException {
        signer();
        Path file = dataDir.resolve(LocalCheckpointSigner.KEY_FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, 20));

        assertThatThrownBy(this::signer).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TB-0603");

        Files.write(file, new byte[0]);

        assertThatThrownBy(this::signer).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("TB-0603");
    }

    @Test
    void keyFile_holdsNoKeyBytesInClear() throws Exception {
        LocalCheckpointSigner signer = signer();
        ECPrivateKey privateKey = (ECPrivateKey) privateKeyOf(signer);
        byte[] scalar = unsigned(privateKey.getS().toByteArray());
        byte[] pkcs8 = privateKey.getEncoded();
        byte[] file = Files.readAllBytes(dataDir.resolve(LocalCheckpointSigner.KEY_FILE_NAME));

        assertThat(indexOf(file, scalar)).as("private scalar in clear").isNegative();
        assertThat(indexOf(file, pkcs8)).as("PKCS#8 in clear").isNegative();
        assertThat(MarkerScan.contains(file, Base64.getEncoder().encodeToString(scalar))).isFalse();
        assertThat(MarkerScan.contains(file, Base64.getEncoder().encodeToString(pkcs8))).isFalse();
        assertThat(MarkerScan.contains(file, privateKey.getS().toString(16))).isFalse();
    }

    @Test
    void toString_showsTheKeyNameOnly() throws Exception {
        LocalCheckpointSigner signer = signer();
        ECPrivateKey privateKey = (ECPrivateKey) privateKeyOf(signer);

        assertThat(signer.toString()).isEqualTo("LocalCheckpointSigner[local:checkpoint-signing]");
        assertThat(signer.toString()).doesNotContain(privateKey.getS().toString(16))
                .doesNotContain(privateKey.getS().toString())
                .doesNotContain(Base64.getEncoder().encodeToString(privateKey.getEncoded()));
    }

    @Test
    void signer_isNotSerializable_soTheKeyCannotLeaveThatWay() {
        assertThatThrownBy(() -> new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(signer()))
                .isInstanceOf(java.io.NotSerializableException.class);
    }

    private LocalCheckpointSigner signer() {
        return LocalCheckpointSigner.inDataDirectory(dataDir, master);
    }

    private static LocalMasterKey randomMasterKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return LocalMasterKey.fromBase64(Base64.getEncoder().encodeToString(key));
    }

    private static PrivateKey privateKeyOf(LocalCheckpointSigner signer) throws ReflectiveOperationException {
        Field field = LocalCheckpointSigner.class.getDeclaredField("privateKey");
        field.setAccessible(true);
        return (PrivateKey) field.get(signer);
    }

    private static byte[] unsigned(byte[] bigEndian) {
        return bigEndian.length > 1 && bigEndian[0] == 0 ? java.util.Arrays.copyOfRange(bigEndian, 1, bigEndian.length) : bigEndian;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
