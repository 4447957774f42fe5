package org.azukari.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.azukari.consent.api.ResidentId;
import org.azukari.trustbank.api.RecordToStore;
import java.util.List;
import java.util.Set;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.identity.api.AccountCredentials;
import org.azukari.identity.api.AssuranceLevel;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.Organisation;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.OrganisationKind;
import org.azukari.identity.api.OrganisationRegistry;
import org.azukari.identity.api.PeopleRegistry;
import org.azukari.identity.api.PersonAccount;
import org.azukari.identity.api.ProofingMethod;
import org.azukari.trustbank.api.TrustBank;
import org.azukari.trustbank.testing.PostgresDatabase;
import org.azukari.trustbank.testing.Records;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.azukari.server.testing.OnProductionServices;

/**
 * The bank started with the property names of infra/production/application-production.properties,
 * against the real PostgreSQL and OpenBao (AppRole, the bank's own policy) that infra/test runs.
 */
@OnProductionServices(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ProductionConfigurationIT {

    @Autowired
    PostgresDatabase database;

    @Autowired
    TrustBank trustBank;

    @Autowired
    OrganisationRegistry organisations;

    @Autowired
    PeopleRegistry people;

    @Autowired
    AccessLogSearch accessLogSearch;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void bank_withProductionProperties_keepsRecordsInPostgresUnderTransitKeys() {
        ResidentId resident = ResidentId.random();
        trustBank.enrol(resident);
        RecordToStore record = Records.observation(Records.marker());
        trustBank.store(resident, record);

        assertThat(trustBank.read(resident, record.id()).content()).isEqualTo(record.content());
        assertThat(jdbc.queryForObject("SELECT wrapped_key FROM tb_data_key WHERE resident_id = ?", String.class,
                resident.value())).startsWith("vault:v1:");
        assertThat(jdbc.queryForObject("SELECT current_schema()", String.class)).isEqualTo(database.schema());
    }

    @Test
    void identityRegistries_onPostgres_registerOrganisationsPeopleAndHashedEnrolmentLinks() {
        OrganisationId hospital = new OrganisationId("pg-hospital");
        organisations.registerOrganisation(new Organisation(hospital, OrganisationKind.HOSPITAL, "PG Hospital",
                Set.of(new Purpose("treatment"))));
        PersonAccount resident = people.registerResident(new AccountCredentials("pg-resident",
                "a long enough password 123"), AssuranceLevel.HIGH, ProofingMethod.IN_PERSON_AT_CITY_OFFICE);
        people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(), hospital, "urn:oid:1.2.3",
                "MRN-PG-0042"));

        assertThat(people.findResidentByEnrolment(hospital, "urn:oid:1.2.3", "MRN-PG-0042")).isEqualTo(resident.resident());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM id_enrolment_link WHERE identifier_hash"
                + " LIKE '%MRN-PG%'", Integer.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT password_hash FROM id_account WHERE username = 'pg-resident'",
                String.class)).contains("argon2id").doesNotContain("a long enough password");
    }

    @Test
    void anErasure_isLoggedInPostgres_signedByTheTransitKey_andFoundThroughElasticsearch() throws Exception {
        ResidentId resident = ResidentId.random();
        trustBank.enrol(resident);
        trustBank.store(resident, Records.observation("to be erased"));

        trustBank.erase(resident);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM cp_access_log WHERE resident_id = ?", Integer.class,
                resident.value())).isEqualTo(1);
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        List<LoggedEntry> found = List.of();
        while (found.isEmpty() && java.time.Instant.now().isBefore(deadline)) {
            try {
                found = accessLogSearch.search(AccessLogQuery.forResident(resident));
            } catch (org.azukari.consent.api.AccessLogUnavailableException indexStillBeingCreated) {
                found = List.of();
            }
            if (found.isEmpty()) {
                Thread.sleep(100); // between polls of the index, under the 30 s deadline above
            }
        }
        assertThat(accessLogSearch.getClass().getSimpleName()).isEqualTo("ElasticsearchAccessLogSearch");
        assertThat(found).singleElement().satisfies(entry -> {
            assertThat(entry.entry().action()).isEqualTo(AccessAction.ERASE);
            assertThat(entry.entry().reason()).isEqualTo("resident-request");
        });
    }
}
