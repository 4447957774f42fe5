package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.shiro.realm.Realm;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.SecurityEvents;
import org.azukari.identity.people.jdbc.JdbcSecurityEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class PeopleConfigurationTest {

    @TempDir
    Path directory;

    private ApplicationContextRunner runner() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:file:" + directory.resolve("db").toAbsolutePath()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        PeopleFixture.migrate(dataSource);
        return new ApplicationContextRunner()
                .withBean(DataSource.class, () -> dataSource)
                .withUserConfiguration(PeopleConfiguration.class)
                .withPropertyValues("azukari.data-dir=" + directory, "azukari.identity.argon2.memory-kib=1024",
                        "azukari.identity.argon2.iterations=1", "azukari.identity.argon2.parallelism=1");
    }

    @Test
    void context_withADataSource_definesTheRegistryTheRealmAndTheEventSink() {
        runner().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(PeopleRegistry.class).hasSingleBean(SecurityEvents.class);
            assertThat(context.getBean(SecurityEvents.class)).isInstanceOf(JdbcSecurityEvents.class);
            assertThat(context.getBean("passwordRealm")).isInstanceOf(Realm.class).isInstanceOf(PasswordRealm.class);
            assertThat(directory.resolve("identity.key")).exists();
        });
    }

    @Test
    void context_withKeyFromTheEnvironmentStyleProperty_usesItAndWritesNoFile() {
        runner().withPropertyValues("azukari.identity.secret-key=" + PeopleFixture.randomKey()).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(directory.resolve("identity.key")).doesNotExist();
        });
    }

    @Test
    void properties_withoutArgon2Settings_useRfc9106sSecondRecommendation() {
        new ApplicationContextRunner().withUserConfiguration(PropertiesOnly.class).run(context ->
                assertThat(context.getBean(IdentityProperties.class).argon2())
                        .isEqualTo(new IdentityProperties.Argon2(3, 65536, 4)));
    }

    @org.springframework.boot.context.properties.EnableConfigurationProperties(IdentityProperties.class)
    static class PropertiesOnly {
    }

    @Test
    void context_withMalformedKey_failsToStart() {
        runner().withPropertyValues("azukari.identity.secret-key=short").run(context ->
                assertThat(context).hasFailed());
    }

    @Test
    void context_withAnArgon2CostTooLow_failsToStart() {
        runner().withPropertyValues("azukari.identity.argon2.iterations=0").run(context ->
                assertThat(context).hasFailed());
    }
}
