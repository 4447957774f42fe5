package org.azukari.fhir.pull.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.fhir.pull.PullCredentials;
import org.azukari.fhir.pull.PullScheduler;
import org.azukari.fhir.pull.PullSources;
import org.azukari.fhir.pull.PullTargets;
import org.azukari.identity.api.BankSecrets;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The wiring from {@code azukari.gateway.pull.*}: defaults, credentials by reference, and bad values failing the start. */
class PullConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(PullConfiguration.class)
            .withBean(DataSource.class, () -> new DriverManagerDataSource("jdbc:h2:mem:cfg-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL", "sa", ""))
            .withBean(OrganisationRegistry.class, () -> Mockito.mock(OrganisationRegistry.class))
            .withBean(PeopleRegistry.class, () -> Mockito.mock(PeopleRegistry.class))
            .withBean(TrustBank.class, () -> Mockito.mock(TrustBank.class))
            .withBean(BankSecrets.class, () -> purpose -> {
                byte[] key = new byte[32];
                Arrays.fill(key, (byte) purpose.length());
                return key;
            });

    private static void assertFailedWith(Throwable failure, String code) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root).hasMessageStartingWith(code);
    }

    @Test
    void withDefaults_thePullSideIsWired_andTheSchedulerRunsWithTheContext() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PullSources.class).hasSingleBean(PullTargets.class);
            assertThat(context.getBean(PullScheduler.class).isRunning()).isTrue();
            PullProperties properties = context.getBean(PullProperties.class);
            assertThat(properties.interval()).hasMinutes(5);
            assertThat(properties.resourceTypes()).contains("Observation", "Condition");
        });
    }

    @Test
    void credentials_areKnownByReference_andNeverPrinted() {
        runner.withPropertyValues("azukari.gateway.pull.credentials.hosp-a.bearer-token=tok-secret-1",
                        "azukari.gateway.pull.credentials.clinic-b.username=puller",
                        "azukari.gateway.pull.credentials.clinic-b.password=pw-secret-2")
                .run(context -> {
                    PullCredentials credentials = context.getBean(PullCredentials.class);
                    assertThat(credentials.knows("hosp-a")).isTrue();
                    assertThat(credentials.knows("clinic-b")).isTrue();
                    String printed = credentials + " " + context.getBean(PullProperties.class);
                    assertThat(printed).doesNotContain("tok-secret-1").doesNotContain("pw-secret-2");
                });
    }

    @Test
    void aCredentialWithBothATokenAndAPassword_orWithNeither_failsTheStart() {
        runner.withPropertyValues("azukari.gateway.pull.credentials.hosp-a.bearer-token=t",
                        "azukari.gateway.pull.credentials.hosp-a.username=u",
                        "azukari.gateway.pull.credentials.hosp-a.password=p")
                .run(context -> assertFailedWith(context.getStartupFailure(), "FG-0697"));
    }

    @Test
    void tooManyThreads_orAMalformedResourceType_failsTheStart() {
        runner.withPropertyValues("azukari.gateway.pull.threads=9")
                .run(context -> assertFailedWith(context.getStartupFailure(), "FG-0696"));
        runner.withPropertyValues("azukari.gateway.pull.resource-types=Observation,drop table")
                .run(context -> assertFailedWith(context.getStartupFailure(), "FG-0696"));
    }

    @Test
    void withTheSchedulerDisabled_itStillRunsWhatOperatorsAskFor_butDoesNotTick() {
        runner.withPropertyValues("azukari.gateway.pull.scheduler-enabled=false")
                .run(context -> assertThat(context.getBean(PullScheduler.class).isRunning()).isTrue());
    }
}
