package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * V20_11 on a bank that already holds organisations and clients: the kinds' CHECK constraints of
 * V3_1 had generated names (PostgreSQL {@code id_client_kind_check}, H2 {@code CONSTRAINT_<n>}),
 * and the migration must replace them on both. The same scenario runs on H2
 * ({@link AuditKindsMigrationTest}) and on PostgreSQL ({@link AuditKindsMigrationPostgresIT}).
 */
final class AuditKindsMigration {

    private static final String IDENTITY = "classpath:db/migration/identity";

    private AuditKindsMigration() {
    }

    static void run(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).locations(IDENTITY).target("20.6").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name, registered_at)"
                + " VALUES ('old-clinic', 'CLINIC', 'Old clinic', CURRENT_TIMESTAMP)");
        jdbc.update("INSERT INTO id_client (client_id, organisation_id, kind, status, registered_at)"
                + " VALUES ('old-emr', 'old-clinic', 'CLINIC_EMR', 'ACTIVE', CURRENT_TIMESTAMP)");
        assertThatThrownBy(() -> insertAuditBody(jdbc)).as("before V20_11")
                .isInstanceOf(DataIntegrityViolationException.class);

        Flyway.configure().dataSource(dataSource).locations(IDENTITY).load().migrate();

        assertThat(jdbc.queryForObject("SELECT kind FROM id_organisation WHERE organisation_id = 'old-clinic'",
                String.class)).isEqualTo("CLINIC");
        assertThat(jdbc.queryForObject("SELECT kind FROM id_client WHERE client_id = 'old-emr'", String.class))
                .isEqualTo("CLINIC_EMR");
        insertAuditBody(jdbc);
        jdbc.update("INSERT INTO id_client (client_id, organisation_id, kind, status, registered_at)"
                + " VALUES ('city-audit-sys', 'city-audit', 'AUDIT_SYSTEM', 'ACTIVE', CURRENT_TIMESTAMP)");
        assertThat(jdbc.queryForObject("SELECT kind FROM id_client WHERE client_id = 'city-audit-sys'", String.class))
                .isEqualTo("AUDIT_SYSTEM");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_client (client_id, organisation_id, kind, status,"
                + " registered_at) VALUES ('x', 'city-audit', 'AUDITOR', 'ACTIVE', CURRENT_TIMESTAMP)"))
                .as("a kind the bank does not know").isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name,"
                + " registered_at) VALUES ('y', 'PHARMACY', 'Y', CURRENT_TIMESTAMP)"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO id_client (client_id, organisation_id, status, registered_at)"
                + " VALUES ('z', 'city-audit', 'ACTIVE', CURRENT_TIMESTAMP)"))
                .as("the kind stays required").isInstanceOf(DataIntegrityViolationException.class);
    }

    private static void insertAuditBody(JdbcTemplate jdbc) {
        jdbc.update("INSERT INTO id_organisation (organisation_id, kind, display_name, registered_at)"
                + " VALUES ('city-audit', 'AUDIT_BODY', 'City audit office', CURRENT_TIMESTAMP)");
    }
}
