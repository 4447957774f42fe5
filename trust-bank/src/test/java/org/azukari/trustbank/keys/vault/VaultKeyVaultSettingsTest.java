package org.azukari.trustbank.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class VaultKeyVaultSettingsTest {

    private static final Authentication TOKEN = Authentication.token("s.secret-token-value");

    @Test
    void of_anHttpsAddress_takesTheDefaults() {
        VaultKeyVaultSettings settings = VaultKeyVaultSettings.of(URI.create("https://vault.internal:8200/"), TOKEN);

        assertThat(settings.transitMount()).isEqualTo("transit");
        assertThat(settings.openTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.baseUrl()).isEqualTo("https://vault.internal:8200");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8200", "http://localhost:8200", "http://[::1]:8200", "https://10.0.0.5:8200"})
    void construct_withALoopbackOrHttpsAddress_isAccepted(String address) {
        assertThat(VaultKeyVaultSettings.of(URI.create(address), TOKEN).address()).isEqualTo(URI.create(address));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://vault.internal:8200", "http://10.0.0.5:8200", "http://127.0.0.1.nip.io:8200",
        "ftp://127.0.0.1", "vault:8200", "/v1/transit", "https://vault:8200/v1", "https://user:pw@vault:8200",
        "https://vault:8200?x=1", "https://vault:8200#frag", "mailto:ops@example.org"})
    void construct_withABadAddress_failsAtStartUp(String address) {
        assertThatThrownBy(() -> VaultKeyVaultSettings.of(URI.create(address), TOKEN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vault address");
    }

    @Test
    void construct_withoutAnAddress_fails() {
        assertThatThrownBy(() -> VaultKeyVaultSettings.of(null, TOKEN)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/transit", "transit/", "trans it", "../sys", "transit//x"})
    void construct_withAMalformedMount_fails(String mount) {
        assertThatThrownBy(() -> new VaultKeyVaultSettings(URI.create("https://vault:8200"), mount, TOKEN,
                Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("transit mount");
    }

    @Test
    void construct_withMissingZeroOrHugeTimeouts_fails() {
        URI address = URI.create("https://vault:8200");
        assertThatThrownBy(() -> new VaultKeyVaultSettings(address, "transit", TOKEN, null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open timeout");
        assertThatThrownBy(() -> new VaultKeyVaultSettings(address, "transit", TOKEN, Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("open timeout");
        assertThatThrownBy(() -> new VaultKeyVaultSettings(address, "transit", TOKEN, Duration.ofSeconds(1), Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read timeout");
        assertThatThrownBy(() -> new VaultKeyVaultSettings(address, "transit", TOKEN, Duration.ofSeconds(1), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read timeout");
    }

    @Test
    void readTimeoutSeconds_ofAFraction_roundsUp() {
        VaultKeyVaultSettings settings = new VaultKeyVaultSettings(URI.create("https://vault:8200"), "transit", TOKEN,
                Duration.ofMillis(300), Duration.ofMillis(1500));

        assertThat(settings.readTimeoutSeconds()).isEqualTo(2);
    }

    @Test
    void construct_withoutAuthentication_fails() {
        assertThatThrownBy(() -> VaultKeyVaultSettings.of(URI.create("https://vault:8200"), null))
                .isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "has space", "line\nbreak"})
    void credentials_blankOrWithControlCharacters_areRefused(String secret) {
        assertThatThrownBy(() -> Authentication.token(secret)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authentication.appRole("role", secret)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Authentication.appRole(secret, "secret")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toString_showsNoSecret() {
        VaultKeyVaultSettings withToken = VaultKeyVaultSettings.of(URI.create("https://vault:8200"), TOKEN);
        VaultKeyVaultSettings withAppRole = VaultKeyVaultSettings.of(URI.create("https://vault:8200"),
                Authentication.appRole("role-id-value", "secret-id-value"));

        assertThat(withToken.toString()).doesNotContain("secret-token-value").contains("redacted");
        assertThat(withAppRole.toString()).doesNotContain("role-id-value").doesNotContain("secret-id-value").contains("approle");
    }
}
