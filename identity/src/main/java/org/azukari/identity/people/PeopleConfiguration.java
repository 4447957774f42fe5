package org.azukari.identity.people;

import java.nio.file.Path;
import java.time.Clock;
import javax.sql.DataSource;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.AccountStatuses;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PrivacyAcknowledgements;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.people.jdbc.JdbcAccounts;
import org.azukari.identity.people.jdbc.JdbcPrivacyAcknowledgements;
import org.azukari.identity.people.jdbc.JdbcEnrolmentLinks;
import org.azukari.identity.people.jdbc.JdbcSecurityEvents;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.azukari.identity.api.BankSecrets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires people's accounts from a {@link DataSource} and {@link IdentityProperties}. A missing
 * or malformed identity secret key fails the start, not the first sign-in.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class PeopleConfiguration {

    @Bean
    SecurityEvents securityEvents(DataSource dataSource) {
        return new JdbcSecurityEvents(dataSource);
    }

    @Bean
    People identityPeople(DataSource dataSource, IdentityProperties properties,
                  @Value("${azukari.data-dir:./data}") Path dataDir) {
        return People.assemble(dataSource, properties, dataDir, Clock.systemUTC());
    }

    @Bean
    PeopleRegistry peopleRegistry(People people) {
        return people.registry();
    }

    @Bean
    AccountStatuses accountStatuses(People people) {
        return new AccountStatusRegistry(people.accounts(), people.clock());
    }

    @Bean
    PrivacyAcknowledgements privacyAcknowledgements(DataSource dataSource) {
        return new JdbcPrivacyAcknowledgements(dataSource, Clock.systemUTC());
    }

    @Bean
    BankSecrets bankSecrets(IdentityProperties properties, @Value("${azukari.data-dir:./data}") Path dataDir) {
        IdentitySecretKey key = IdentitySecretKey.from(properties, dataDir);
        return purpose -> key.derive("bank/" + purpose);
    }

    @Bean(name = PasswordRealm.NAME)
    Realm passwordRealm(People people, SecurityEvents events) {
        return people.realm(events);
    }

    /** The object graph, in one place for the configuration and the tests. */
    record People(Accounts accounts, Argon2Passwords passwords, SecondFactor secondFactor,
                  DefaultPeopleRegistry registry, Clock clock) {

        static People assemble(DataSource dataSource, IdentityProperties properties, Path dataDir, Clock clock) {
            return assemble(dataSource, IdentitySecretKey.from(properties, dataDir),
                    new Argon2Passwords(properties.argon2()), clock);
        }

        static People assemble(DataSource dataSource, IdentitySecretKey key, Argon2Passwords passwords, Clock clock) {
            Accounts accounts = new JdbcAccounts(dataSource);
            SecretBox box = new SecretBox(key.derive(IdentitySecretKey.TOTP_SEAL));
            SecondFactor secondFactor = new SecondFactor(accounts, box, clock);
            Enrolments enrolments = new Enrolments(accounts, new JdbcEnrolmentLinks(dataSource),
                    new EnrolmentIdentifiers(key.derive(IdentitySecretKey.ENROLMENT_HASH)), clock);
            DefaultPeopleRegistry registry = new DefaultPeopleRegistry(new AccountRegistrar(accounts, passwords, clock),
                    accounts, enrolments, new TotpEnrolments(accounts, box, secondFactor), clock);
            return new People(accounts, passwords, secondFactor, registry, clock);
        }

        PasswordRealm realm(SecurityEvents events) {
            return new PasswordRealm(new PasswordAuthenticator(accounts, passwords, secondFactor, events, clock));
        }
    }
}
