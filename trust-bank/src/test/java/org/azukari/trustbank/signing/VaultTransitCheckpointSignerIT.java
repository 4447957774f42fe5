package org.azukari.trustbank.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jopenlibs.vault.json.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.trustbank.api.KeyVaultDeniedException;
import org.azukari.trustbank.api.KeyVaultUnavailableException;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultTransitSigning;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The transit checkpoint signer against the shared OpenBao dev server, as the bank's AppRole,
 * so every call also proves that infra/openbao/azukari-bank.hcl grants what it needs and no
 * more. Keys with other names are made as root; the bank's key {@code accesslog-checkpoints}
 * is never deleted here (other tests on the shared server may hold its signatures).
 */
class VaultTransitCheckpointSignerIT {

    private static final byte[] PAYLOAD = "checkpoint|size=42|root=abc".getBytes(StandardCharsets.UTF_8);
    private static final String KEY = VaultTransitCheckpointSigner.DEFAULT_KEY;

    private final TransitAdmin admin = new TransitAdmin();
    private final VaultTransitCheckpointSigner signer = new VaultTransitCheckpointSigner(admin.bankAppRole());
    private final List<String> rootKeys = new ArrayList<>();

    @AfterEach
    void removeRootKeys() {
        rootKeys.forEach(admin::destroyAsRoot);
    }

    @Test
    void verify_ofOwnSignature_isTrue() {
        String signature = signer.sign(PAYLOAD);

        assertThat(signature).matches("vault:v[0-9]+:[A-Za-z0-9+/]+=*");
        assertThat(signer.verify(PAYLOAD, signature)).isTrue();
        assertThat(signer.keyName()).isEqualTo("transit:accesslog-checkpoints");
    }

    @Test
    void thePublishedKeys_verifyTransitSignaturesWithPlainJca_andRefuseATamperedPayload() {
        String signature = signer.sign(PAYLOAD);
        String version = signature.substring(0, signature.indexOf(':', "vault:".length()));

        org.azukari.consent.api.VerificationKey key = signer.verificationKeys().stream()
                .filter(k -> k.keyId().equals(version)).findFirst().orElseThrow();

        assertThat(key.verifies(PAYLOAD, signature)).isTrue();
        assertThat(key.verifies("checkpoint|size=43|root=abc".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
    }

    @Test
    void verify_byAnotherInstance_afterARestart_isTrue() {
        String signature = signer.sign(PAYLOAD);

        assertThat(new VaultTransitCheckpointSigner(admin.bankAppRole()).verify(PAYLOAD, signature)).isTrue();
    }

    @Test
    void verify_overATamperedPayload_isFalse() {
        String signature = signer.sign(PAYLOAD);
        byte[] tampered = PAYLOAD.clone();
        tampered[3] ^= 0x01;

        assertThat(signer.verify(tampered, signature)).isFalse();
        assertThat(signer.verify(new byte[0], signature)).isFalse();
    }

    @Test
    void verify_ofATamperedSignature_isFalse() {
        String signature = signer.sign(PAYLOAD);
        String prefix = signature.substring(0, signature.indexOf(':', 6) + 1);
        String body = signature.substring(prefix.length());
        int i = body.length() / 2;
        String flipped = prefix + body.substring(0, i) + (body.charAt(i) == 'A' ? 'B' : 'A') + body.substring(i + 1);

        assertThat(signer.verify(PAYLOAD, flipped)).isFalse();
        assertThat(signer.verify(PAYLOAD, "vault:v999:" + body)).as("a key version that does not exist").isFalse();
        assertThat(signer.verify(PAYLOAD, prefix + body.substring(0, i))).as("truncated").isFalse();
        assertThat(signer.verify(PAYLOAD, prefix + "AAAA")).isFalse();
    }

    @Test
    void verify_ofMalformedText_isFalseWithoutThrowing() {
        String body = signer.sign(PAYLOAD).replaceFirst("vault:v[0-9]+:", "");
        for (String garbage : new String[] {"", " ", "vault:", "vault:v1:", "vault:v0:" + body, "local:v1:" + body, body,
                "vault:v1:!!!", "vault:v1:" + body + "\n", "vault:v1:" + "A".repeat(10_000), "vault:v1:a,b"}) {
            assertThat(signer.verify(PAYLOAD, garbage)).as(garbage.length() > 40 ? garbage.substring(0, 40) : garbage).isFalse();
        }
        assertThat(signer.verify(PAYLOAD, null)).isFalse();
    }

    @Test
    void verify_ofAnotherKeysSignature_isFalse() {
        String other = rootKey();
        String foreign = new VaultTransitCheckpointSigner(admin.root(), other).sign(PAYLOAD);

        assertThat(signer.verify(PAYLOAD, foreign)).isFalse();
    }

    @Test
    void start_createsTheBankKeyNonExportableAndNotDeletable() {
        TransitAdmin.Answer key = admin.asRoot("GET", "transit/keys/" + KEY, null);

        assertThat(key.status()).isEqualTo(200);
        assertThat(key.data().get("type").asString()).isEqualTo("ecdsa-p256");
        assertThat(key.data().get("exportable").asBoolean()).isFalse();
        assertThat(key.data().get("allow_plaintext_backup").asBoolean()).isFalse();
        assertThat(key.data().get("deletion_allowed").asBoolean()).isFalse();
    }

    @Test
    void start_withAMissingKey_createsItWithSafeSettings_whichEvenRootCannotDelete() {
        String name = "accesslog-it-" + UUID.randomUUID().toString().substring(0, 8);
        rootKeys.add(name);
        assertThat(admin.asRoot("GET", "transit/keys/" + name, null).status()).isEqualTo(404);

        VaultTransitCheckpointSigner created = new VaultTransitCheckpointSigner(admin.root(), name);

        TransitAdmin.Answer key = admin.asRoot("GET", "transit/keys/" + name, null);
        assertThat(key.data().get("type").asString()).isEqualTo("ecdsa-p256");
        assertThat(key.data().get("exportable").asBoolean()).isFalse();
        assertThat(key.data().get("allow_plaintext_backup").asBoolean()).isFalse();
        assertThat(key.data().get("deletion_allowed").asBoolean()).isFalse();
        assertThat(admin.asRoot("DELETE", "transit/keys/" + name, null).status()).isEqualTo(400);
        assertThat(created.verify(PAYLOAD, created.sign(PAYLOAD))).isTrue();
    }

    @Test
    void start_withAnExistingExportableKey_failsTheStart() {
        String name = rootKey("ecdsa-p256", true);

        assertThatThrownBy(() -> new VaultTransitCheckpointSigner(admin.root(), name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TB-0602");
    }

    @Test
    void start_withAnExistingKeyOfAnotherType_failsTheStart() {
        String name = rootKey("aes256-gcm96", false);

        assertThatThrownBy(() -> new VaultTransitCheckpointSigner(admin.root(), name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("TB-0602");
    }

    @Test
    void policy_refusesTheBankToDeleteReconfigureRotateOrExportItsKey() {
        signer.sign(PAYLOAD); // the key exists
        String token = admin.appRoleToken();

        assertThat(admin.call(token, "DELETE", "transit/keys/" + KEY, null).status()).isEqualTo(403);
        assertThat(admin.call(token, "POST", "transit/keys/" + KEY + "/config",
                Json.object().add("deletion_allowed", true)).status()).isEqualTo(403);
        assertThat(admin.call(token, "POST", "transit/keys/" + KEY + "/config",
                Json.object().add("exportable", true)).status()).isEqualTo(403);
        assertThat(admin.call(token, "POST", "transit/keys/" + KEY + "/rotate", Json.object()).status()).isEqualTo(403);
        assertThat(admin.call(token, "GET", "transit/export/signing-key/" + KEY, null).status()).isEqualTo(403);
        assertThat(admin.call(token, "GET", "transit/backup/" + KEY, null).status()).isEqualTo(403);
        assertThat(admin.call(token, "POST", "transit/keys/" + KEY,
                Json.object().add("type", "ecdsa-p256").add("exportable", true)).status()).isEqualTo(403);
        assertThat(admin.call(token, "POST", "transit/keys/" + KEY,
                Json.object().add("type", "aes256-gcm96")).status()).isEqualTo(403);
        assertThat(admin.asRoot("GET", "transit/keys/" + KEY, null).data().get("exportable").asBoolean()).isFalse();
    }

    @Test
    void policy_refusesTheBankToSignWithAnotherKey() {
        String other = rootKey();

        assertThatThrownBy(() -> new VaultTransitSigning(admin.bankAppRole(), other).sign(PAYLOAD, "sha2-256"))
                .isInstanceOf(KeyVaultDeniedException.class)
                .hasMessageNotContaining("permission denied");
        assertThatThrownBy(() -> new VaultTransitCheckpointSigner(admin.bankAppRole(), other))
                .isInstanceOf(KeyVaultDeniedException.class);
        String token = admin.appRoleToken();
        assertThat(admin.call(token, "POST", "transit/sign/" + KEY + "/sha2-512",
                Json.object().add("input", "aGVsbG8=")).status()).as("the per-algorithm sign route").isEqualTo(403);
    }

    @Test
    void sign_withTheVaultUnreachable_failsUnavailable_andVerifyDoesNotSayTampered() throws IOException {
        VaultKeyVaultSettings closed = new VaultKeyVaultSettings(URI.create("http://127.0.0.1:" + closedPort()), "transit",
                VaultKeyVaultSettings.Authentication.appRole("role", "secret"), Duration.ofSeconds(1), Duration.ofSeconds(1));
        VaultTransitCheckpointSigner unreachable = new VaultTransitCheckpointSigner(closed);
        String signature = signer.sign(PAYLOAD);

        assertThatThrownBy(() -> unreachable.sign(PAYLOAD)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThatThrownBy(() -> unreachable.verify(PAYLOAD, signature)).isInstanceOf(KeyVaultUnavailableException.class);
        assertThat(unreachable.verify(PAYLOAD, "not a signature")).isFalse();
    }

    private String rootKey() {
        return rootKey("ecdsa-p256", false);
    }

    private String rootKey(String type, boolean exportable) {
        String name = "accesslog-it-" + UUID.randomUUID().toString().substring(0, 8);
        TransitAdmin.Answer answer = admin.asRoot("POST", "transit/keys/" + name,
                Json.object().add("type", type).add("exportable", exportable));
        assertThat(answer.status()).isEqualTo(200);
        rootKeys.add(name);
        return name;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
