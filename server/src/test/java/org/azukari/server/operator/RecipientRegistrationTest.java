package org.azukari.server.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.azukari.consent.api.AssessmentSubject;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.assessments.jdbc.JdbcPrivacyAssessments;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.registry.JdbcOrganisationRegistry;
import org.azukari.server.testing.Assessed;
import org.azukari.ui.assessments.RecipientRegistration;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Registering a recipient and its first assessment is one transaction over the real registry and
 * assessment store on H2: when the assessment cannot be written after the organisation was, neither
 * stays.
 */
class RecipientRegistrationTest {

    private final DataSource dataSource = migrated();
    private final JdbcOrganisationRegistry organisations = new JdbcOrganisationRegistry(dataSource, Clock.systemUTC());
    private final JdbcPrivacyAssessments assessments = new JdbcPrivacyAssessments(dataSource, Clock.systemUTC());
    private final RecipientRegistration registration = new RecipientRegistration(organisations, assessments,
            new DataSourceTransactionManager(dataSource));

    private static DataSource migrated() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:registration-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/migration/identity", "classpath:db/migration/consent").load().migrate();
        return dataSource;
    }

    private static Organisation clinic(String id) {
        return new Organisation(new OrganisationId(id), OrganisationKind.CLINIC, "Clinic", Set.of(new Purpose("treatment")));
    }

    @Test
    void register_whenTheAssessmentCannotBeWrittenAfterTheOrganisation_leavesNeither() {
        assertThatThrownBy(() -> registration.register(clinic("clinic-a"), Optional.of(Assessed.terms()),
                "r".repeat(65))).hasMessageStartingWith("CP-0404");

        assertThat(organisations.findOrganisation(new OrganisationId("clinic-a"))).isEmpty();
        assertThat(assessments.history(AssessmentSubject.recipient("clinic-a"))).isEmpty();
    }

    @Test
    void register_withItsAssessment_writesBoth_andWithoutOneIsRefusedBeforeAnything() {
        registration.register(clinic("clinic-b"), Optional.of(Assessed.terms()), "operator-1");

        assertThatThrownBy(() -> registration.register(clinic("clinic-c"), Optional.empty(), "operator-1"))
                .hasMessageStartingWith("OP-0030");
        assertThat(organisations.findOrganisation(new OrganisationId("clinic-b"))).isPresent();
        assertThat(assessments.current(AssessmentSubject.recipient("clinic-b"))).isPresent();
        assertThat(organisations.findOrganisation(new OrganisationId("clinic-c"))).isEmpty();
    }
}
