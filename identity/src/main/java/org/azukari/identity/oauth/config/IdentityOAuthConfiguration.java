package org.azukari.identity.oauth.config;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PurposeRegistry;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.api.SmartConfiguration;
import org.azukari.identity.api.TokenService;
import org.azukari.identity.oauth.BankSigningKey;
import org.azukari.identity.oauth.BearerTokenRealm;
import org.azukari.identity.oauth.LoggingSecurityEvents;
import org.azukari.identity.oauth.OAuthSettings;
import org.azukari.identity.oauth.SmartTokenService;
import org.azukari.identity.registry.JdbcOrganisationRegistry;
import org.azukari.identity.registry.JdbcPurposeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the registry, the token service and the {@code bearerTokenRealm} from a
 * {@link DataSource} (migrated by Flyway from {@code db/migration/identity}), the data directory,
 * and, if there is one, a {@link SecurityEvents} bean; without it, events go to the log (ids only).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
public class IdentityOAuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityOAuthConfiguration.class);

    @Bean
    OrganisationRegistry organisationRegistry(DataSource dataSource) {
        return new JdbcOrganisationRegistry(dataSource, Clock.systemUTC());
    }

    @Bean
    PurposeRegistry purposeRegistry(DataSource dataSource) {
        return new JdbcPurposeRegistry(dataSource);
    }

    @Bean
    OAuthSettings oauthSettings(OAuthProperties properties) {
        return properties.settings();
    }

    @Bean
    BankSigningKey bankSigningKey(OAuthProperties properties, @Value("${azukari.data-dir:./data}") Path dataDir) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            log.info("OAuth signing key: from the environment");
            return BankSigningKey.fromJwk(properties.signingKey());
        }
        Path file = properties.signingKeyFile() != null ? properties.signingKeyFile()
                : dataDir.resolve("oauth-signing-key.jwk");
        log.info("OAuth signing key: file {}", file.toAbsolutePath());
        return BankSigningKey.fromFile(file);
    }

    @Bean
    TokenService tokenService(OrganisationRegistry registry, DataSource dataSource, BankSigningKey key,
                              OAuthSettings settings, ObjectProvider<SecurityEvents> events) {
        return SmartTokenService.create(registry, dataSource, key, settings, securityEvents(events), Clock.systemUTC());
    }

    @Bean(name = BearerTokenRealm.NAME)
    Realm bearerTokenRealm(OrganisationRegistry registry, BankSigningKey key, OAuthSettings settings,
                           ObjectProvider<SecurityEvents> events) {
        return BearerTokenRealm.create(registry, key, settings, securityEvents(events), Clock.systemUTC());
    }

    @Bean
    SmartConfiguration smartConfiguration(OAuthProperties properties) {
        return SmartConfiguration.backendServices(properties.tokenEndpoint(), properties.scopesSupported());
    }

    private static SecurityEvents securityEvents(ObjectProvider<SecurityEvents> events) {
        return events.getIfAvailable(LoggingSecurityEvents::new);
    }
}
