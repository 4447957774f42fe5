package org.azukari.trustbank.signing;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings;
import org.azukari.trustbank.keys.vault.VaultKeyVaultSettings.Authentication;
import org.azukari.trustbank.testing.RequiredEnv;

/**
 * Raw calls on the shared OpenBao dev server, outside the signer's seam: as root, to look at
 * keys and set up foreign ones; as the bank's AppRole, to try what the policy must refuse.
 */
final class TransitAdmin {

    record Answer(int status, JsonObject body) {

        JsonObject data() {
            return body.get("data").asObject();
        }
    }

    private final URI address = URI.create(RequiredEnv.get("AZUKARI_IT_VAULT_ADDR"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    VaultKeyVaultSettings bankAppRole() {
        return settings(Authentication.appRole(RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"),
                RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID")));
    }

    VaultKeyVaultSettings root() {
        return settings(Authentication.token(RequiredEnv.get("AZUKARI_IT_VAULT_TOKEN")));
    }

    VaultKeyVaultSettings settings(Authentication auth) {
        return new VaultKeyVaultSettings(address, "transit", auth, Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    Answer asRoot(String method, String path, JsonObject body) {
        return call(RequiredEnv.get("AZUKARI_IT_VAULT_TOKEN"), method, path, body);
    }

    /** A fresh token of the bank's AppRole, as the bank would hold it. */
    String appRoleToken() {
        JsonObject login = Json.object().add("role_id", RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_ROLE_ID"))
                .add("secret_id", RequiredEnv.get("AZUKARI_IT_VAULT_APPROLE_SECRET_ID"));
        Answer answer = call(null, "POST", "auth/approle/login", login);
        if (answer.status() != 200) {
            throw new IllegalStateException("AppRole login answered " + answer.status());
        }
        return answer.body().get("auth").asObject().get("client_token").asString();
    }

    Answer call(String token, String method, String path, JsonObject body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()));
        if (token != null) {
            request.header("X-Vault-Token", token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonObject json = response.body().isBlank() ? Json.object() : Json.parse(response.body()).asObject();
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Root removes a test key (deletion must be allowed first, which only root may do). */
    void destroyAsRoot(String key) {
        asRoot("POST", "transit/keys/" + key + "/config", Json.object().add("deletion_allowed", true));
        asRoot("DELETE", "transit/keys/" + key, null);
    }
}
