package org.azukari.identity.federation;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.FederatedSignIn;
import org.azukari.identity.api.ProviderId;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.people.jdbc.JdbcAccounts;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the sign-in through providers from {@link FederationProperties}; a misconfigured provider
 * fails the start ({@code ID-0390}). The subject-hash key is derived from the identity secret key.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FederationProperties.class)
public class FederationConfiguration {

    @Bean
    Tickets federatedSignInTickets() {
        return new Tickets(Clock.systemUTC());
    }

    @Bean
    FederatedSignIn federatedSignIn(FederationProperties properties, DataSource dataSource, BankSecrets secrets,
                                    SecurityEvents events, Tickets tickets) {
        return assemble(properties, dataSource, secrets.derive(SubjectHashes.PURPOSE), events, tickets,
                Clock.systemUTC());
    }

    @Bean(name = FederatedRealm.NAME)
    Realm federatedRealm(Tickets tickets) {
        return new FederatedRealm(tickets);
    }

    /** The object graph, in one place for the configuration and the tests. */
    static DefaultFederatedSignIn assemble(FederationProperties properties, DataSource dataSource, byte[] subjectKey,
                                           SecurityEvents events, Tickets tickets, Clock clock) {
        Map<ProviderId, OidcClient> clients = new LinkedHashMap<>();
        properties.providers().forEach((id, provider) -> {
            ProviderSettings settings = ProviderSettings.of(id, provider);
            clients.put(settings.id(), new OidcClient(settings, clock));
        });
        FederatedAccounts accounts = new FederatedAccounts(new JdbcAccounts(dataSource),
                new JdbcFederatedLinks(dataSource), new SubjectHashes(subjectKey),
                JdbcFederatedLinks.transactionsOver(dataSource), clock);
        return new DefaultFederatedSignIn(clients, accounts, tickets, events, clock);
    }
}
