package org.azukari.identity.people;

import org.azukari.consent.testing.MutableClock;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import javax.sql.DataSource;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.subject.Subject;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.people.jdbc.JdbcSecurityEvents;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * People's accounts as the application assembles them, over an H2 file database in a
 * temporary directory, a hand-moved clock, a cheap Argon2 cost and a counting password service.
 */
final class PeopleFixture {

    static final IdentityProperties.Argon2 CHEAP = new IdentityProperties.Argon2(1, 1024, 1);
    static final Instant START = Instant.parse("2026-04-01T09:00:00Z");
    static final OrganisationId HOSPITAL = new OrganisationId("kaga-hospital");
    static final OrganisationId CLINIC = new OrganisationId("yamanaka-clinic");
    static final OrganisationId WELLNESS = new OrganisationId("genki-advice");
    static final String PASSWORD = "correct horse battery staple";

    final Path directory;
    final DataSource dataSource;
    final JdbcTemplate jdbc;
    final MutableClock clock = new MutableClock(START);
    final CountingPasswordService passwordService = new CountingPasswordService(Argon2Passwords.costed(CHEAP));
    final IdentitySecretKey key = IdentitySecretKey.fromBase64(randomKey());
    final PeopleConfiguration.People people;
    final JdbcSecurityEvents events;
    final PasswordRealm realm;
    final DefaultSecurityManager securityManager;

    PeopleFixture(Path directory) {
        this.directory = directory;
        this.dataSource = new DriverManagerDataSource("jdbc:h2:file:" + directory.resolve("db").resolve("azukari")
                .toAbsolutePath() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        this.jdbc = new JdbcTemplate(dataSource);
        migrate(dataSource);
        organisation(HOSPITAL, "HOSPITAL");
        organisation(CLINIC, "CLINIC");
        organisation(WELLNESS, "WELLNESS_SERVICE");
        this.people = PeopleConfiguration.People.assemble(dataSource, key, new Argon2Passwords(passwordService), clock);
        this.events = new JdbcSecurityEvents(dataSource);
        this.realm = people.realm(events);
        this.securityManager = new DefaultSecurityManager(realm);
    }

    /**
     * Runs the identity migrations. While the registry's V3_1 is not there, the organisation
     * table it owns is stood in for, so that V3_2's foreign keys have something to point at.
     */
    static void migrate(DataSource dataSource) {
        Flyway flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/identity").load();
        boolean registryPresent = java.util.Arrays.stream(flyway.info().all())
                .anyMatch(m -> m.getVersion() != null && "3.1".equals(m.getVersion().getVersion()));
        if (!registryPresent) {
            new JdbcTemplate(dataSource).execute("CREATE TABLE IF NOT EXISTS id_organisation ("
                    + "organisation_id VARCHAR(63) NOT NULL PRIMARY KEY, kind VARCHAR(32) NOT NULL,"
                    + " display_name VARCHAR(200) NOT NULL, registered_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        flyway.migrate();
    }

    void organisation(OrganisationId id, String kind) {
        jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name, registered_at) VALUES (?, ?, ?, ?)",
                id.value(), kind, "Test " + id.value(), Timestamp.from(START));
    }

    Subject subject() {
        return new Subject.Builder(securityManager).buildSubject();
    }

    /** Writes everything H2 holds in memory to its files, so that a scan of them sees it all. */
    void flushToDisk() {
        jdbc.execute("CHECKPOINT SYNC");
    }

    void shutdown() {
        jdbc.execute("SHUTDOWN");
    }

    int count(String sql, Object... args) {
        Integer count = jdbc.queryForObject(sql, Integer.class, args);
        return count == null ? 0 : count;
    }

    static AccountCredentials credentials(String username) {
        return new AccountCredentials(username, PASSWORD);
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
