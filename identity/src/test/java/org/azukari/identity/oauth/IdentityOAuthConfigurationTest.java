package org.azukari.identity.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.api.SmartConfiguration;
import org.azukari.identity.api.TokenRequest;
import org.azukari.identity.api.TokenService;
import org.azukari.identity.oauth.config.IdentityOAuthConfiguration;
import org.azukari.identity.registry.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class IdentityOAuthConfigurationTest {

    @TempDir
    Path dir;

    private ApplicationContextRunner runner() {
        DataSource dataSource = TestDatabase.migrated(dir.resolve("db"));
        return new ApplicationContextRunner()
                .withUserConfiguration(IdentityOAuthConfiguration.class)
                .withBean(DataSource.class, () -> dataSource)
                .withPropertyValues("azukari.data-dir=" + dir.resolve("data"));
    }

    @Test
    void start_withOnlyADataSourceAndDataDir_wiresEverythingAndCreatesTheSigningKeyFile() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(OrganisationRegistry.class).hasSingleBean(TokenService.class)
                    .hasSingleBean(PurposeRegistry.class);
            assertThat(context.getBean("bearerTokenRealm")).isInstanceOf(Realm.class).isInstanceOf(BearerTokenRealm.class);
            assertThat(Files.exists(dir.resolve("data/oauth-signing-key.jwk"))).isTrue();
            SmartConfiguration smart = context.getBean(SmartConfiguration.class);
            assertThat(smart.body()).containsEntry("token_endpoint", "http://localhost:8080/oauth/token")
                    .containsEntry("token_endpoint_auth_methods_supported", java.util.List.of("private_key_jwt"))
                    .containsEntry("token_endpoint_auth_signing_alg_values_supported", java.util.List.of("RS384", "ES384"))
                    .containsEntry("grant_types_supported", java.util.List.of("client_credentials"))
                    .containsEntry("capabilities", java.util.List.of("client-confidential-asymmetric", "permission-v2"));
            assertThat(smart.scopesSupported()).contains("system/Bundle.c", "system/Observation.rs");
            TokenService tokens = context.getBean(TokenService.class);
            assertThat(tokens.token(TokenRequest.of(null, null, null, null)).httpStatus()).isEqualTo(400);
        });
    }

    @Test
    void start_withASecurityEventsBean_recordsThroughIt() {
        RecordingSecurityEvents events = new RecordingSecurityEvents();
        runner().withBean(SecurityEvents.class, () -> events).run(context -> {
            context.getBean(TokenService.class).token(TokenRequest.of("password", null, null, null));

            assertThat(events.last().type()).isEqualTo(SecurityEvent.Type.TOKEN_REFUSED);
            assertThat(events.last().reasonCode()).isEqualTo("ID-0252");
        });
    }

    @Test
    void start_withConfiguredEndpointAndKey_usesThem() {
        String key = org.azukari.identity.registry.Keys.ec(com.nimbusds.jose.jwk.Curve.P_256, "env-key").toJSONString();
        runner().withPropertyValues("azukari.identity.oauth.token-endpoint=https://bank.example.jp/oauth/token",
                        "azukari.identity.oauth.signing-key=" + key)
                .run(context -> {
                    assertThat(context.getBean(SmartConfiguration.class).tokenEndpoint())
                            .isEqualTo("https://bank.example.jp/oauth/token");
                    assertThat(context.getBean(BankSigningKey.class).keyId()).isEqualTo("env-key");
                    assertThat(Files.exists(dir.resolve("data/oauth-signing-key.jwk"))).isFalse();
                });
    }

    @Test
    void start_withBadTokenEndpointOrTooLongLifetime_fails() {
        runner().withPropertyValues("azukari.identity.oauth.token-endpoint=not a url")
                .run(context -> assertThat(context).hasFailed());
        runner().withPropertyValues("azukari.identity.oauth.access-token-lifetime=1h")
                .run(context -> assertThat(context).hasFailed());
        runner().withPropertyValues("azukari.identity.oauth.clock-skew=5m")
                .run(context -> assertThat(context).hasFailed());
    }
}
