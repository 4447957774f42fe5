package org.azukari.trustbank.keys.vault;

import io.github.jopenlibs.vault.json.Json;
import io.github.jopenlibs.vault.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.azukari.trustbank.keys.KeyId;

/**
 * What a test does with the vault's root token, outside the bank's seam: look at a key's
 * configuration, try what the bank must not be able to do, and issue credentials.
 */
final class VaultAdmin {

    /** A status and its JSON body, for assertions. */
    record Answer(int status, JsonObject body) {

        JsonObject data() {
            return body.get("data").asObject();
        }
    }

    private final URI address;
    private final String rootToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    VaultAdmin(URI address, String rootToken) {
        this.address = address;
        this.rootToken = rootToken;
    }

    Answer readKey(KeyId key) {
        return call("GET", "transit/keys/" + key.value(), null);
    }

    Answer deleteKey(KeyId key) {
        return call("DELETE", "transit/keys/" + key.value(), null);
    }

    /** A one-hour token carrying only {@code policy}. */
    String createToken(String policy) {
        JsonObject body = Json.object().add("policies", Json.array(policy)).add("no_default_policy", true).add("ttl", "1h");
        return expect(call("POST", "auth/token/create", body), 200).body().get("auth").asObject().get("client_token").asString();
    }

    /**
     * An AppRole like the bank's (same policy, no default policy) whose tokens are good for
     * {@code tokenUses} requests (0 = unlimited) and {@code ttl}; returns its role id and a secret id.
     */
    String[] createAppRole(String name, String policy, int tokenUses, String ttl) {
        JsonObject role = Json.object().add("token_policies", policy).add("token_no_default_policy", true)
                .add("token_num_uses", tokenUses).add("token_ttl", ttl).add("token_max_ttl", "4h");
        expect(call("POST", "auth/approle/role/" + name, role), 204);
        String roleId = expect(call("GET", "auth/approle/role/" + name + "/role-id", null), 200).data().get("role_id").asString();
        String secretId = expect(call("POST", "auth/approle/role/" + name + "/secret-id", Json.object()), 200)
                .data().get("secret_id").asString();
        return new String[] {roleId, secretId};
    }

    Answer call(String method, String path, JsonObject body) {
        HttpRequest request = HttpRequest.newBuilder(address.resolve("/v1/" + path))
                .timeout(Duration.ofSeconds(10))
                .header("X-Vault-Token", rootToken)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonObject json = response.body().isBlank() ? Json.object() : Json.parse(response.body()).asObject();
            return new Answer(response.statusCode(), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Answer expect(Answer answer, int status) {
        if (answer.status() != status) {
            throw new IllegalStateException("vault admin call answered " + answer.status() + ", expected " + status);
        }
        return answer;
    }
}
