package org.azukari.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.azukari.identity.api.EnrolmentLink;
import org.azukari.identity.api.PersonAccount;
import org.azukari.server.database.Lane;
import org.azukari.server.database.jdbc.LaneRoutingDataSource;
import org.azukari.trustbank.api.TrustBank;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;
import org.azukari.server.testing.PatientGlucoseBundles;
import org.azukari.server.testing.RawHttp;
import org.azukari.server.testing.RealIdentityWorld;

/**
 * The database busy under the running bank. Every connection of the bulk pool taken (as an ingest storm past its admission, or a database
 * too slow to give them back, would take them): bearer-token checks, sign-in, portal pages and the
 * system API run on the control pool and still answer; a {@code /fhir} request whose token is
 * valid gets a prompt 503 with {@code Retry-After} once the pool's short wait is over, never a 401
 * (its token is fine) or a 500 (HAPI-0389); nothing is stored, and the same request works once the
 * connections are back. And a lock an ingest needs held past the lock wait (a keyring row locked by
 * another transaction, as an erasure or a long ingest holds it): 503 with {@code Retry-After}, rolled
 * back, nothing stored.
 */
@TestPropertySource(properties = {"azukari.data-dir=./target/database-busy-test-data",
        "azukari.database.bulk-pool-size=3", "azukari.database.connection-timeout=500ms"})
class DatabaseBusyTest extends RealIdentityWorld {

    private static final String MRN = PatientGlucoseBundles.MRN;

    @Autowired
    LaneRoutingDataSource dataSource;

    @Autowired
    TrustBank bank;

    @Autowired
    Environment environment;

    private final List<Connection> taken = new ArrayList<>();

    /** Takes every connection of the bulk pool, as long-running work would hold them. */
    private void exhaustTheBulkPool() throws Exception {
        for (int i = 0; i < dataSource.pool(Lane.BULK).getMaximumPoolSize(); i++) {
            taken.add(dataSource.pool(Lane.BULK).getConnection());
        }
    }

    @AfterEach
    void giveBack() throws Exception {
        for (Connection connection : taken) {
            connection.close();
        }
        taken.clear();
    }

    @Test
    void fhirRelease_withAValidTokenWhileTheBulkPoolIsExhausted_is503WithRetryAfter_never401Or500() throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");
        exhaustTheBulkPool();

        RawHttp.Response during = http.get("/fhir/Observation/" + UUID.randomUUID(), bearer(token),
                "X-Azukari-Purpose: treatment");

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.header("WWW-Authenticate")).isNull();
        assertThat(during.body()).startsWith("{\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"transient\"").contains("FG-0503").doesNotContain("HAPI-0389")
                .doesNotContain("JDBC");
        giveBack();
        assertThat(http.get("/fhir/Observation/" + UUID.randomUUID(), bearer(token), "X-Azukari-Purpose: treatment")
                .status()).as("the same token, connections back").isEqualTo(404);
    }

    @Test
    void fhirIngest_whileTheBulkPoolIsExhausted_is503WithRetryAfter_andStoresNothing() throws Exception {
        String token = accessToken(registerSourceFeed("pxfeed-" + UUID.randomUUID().toString().substring(0, 8),
                world().hospital()), "system/*.cu");
        String mrn = "P" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount resident = registerResident("px-" + UUID.randomUUID().toString().substring(0, 8));
        people.linkEnrolment(new EnrolmentLink(resident.resident().orElseThrow(), world().hospital(), MRN, mrn));
        exhaustTheBulkPool();

        RawHttp.Response during = http.send("POST", "/fhir", "application/fhir+json",
                PatientGlucoseBundles.of(mrn, "101"), bearer(token));

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.body()).contains("\"code\":\"transient\"").contains("FG-0503");
        giveBack();
        assertThat(bank.isEnrolled(resident.resident().orElseThrow())).as("nothing stored").isFalse();
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "101"),
                bearer(token)).body()).contains("201 Created");
    }

    @Test
    void tokenChecksSignInPortalPagesAndTheSystemApi_whileTheBulkPoolIsExhausted_stillAnswer() throws Exception {
        String token = accessToken(world().emr(), "system/Observation.rs");
        exhaustTheBulkPool();

        RawHttp.Response ping = http.get("/api/system/ping", bearer(token));
        String session = signIn("resident-a");
        RawHttp.Response portal = http.get("/portal", cookie(session), "Accept-Language: en");
        RawHttp.Response consents = http.get("/portal/consents", cookie(session), "Accept-Language: en");
        RawHttp.Response records = http.get("/portal/records", cookie(session), "Accept-Language: en");
        RawHttp.Response newToken = requestToken(assertion(world().emr(), TOKEN_ENDPOINT,
                java.time.Instant.now().plusSeconds(120)), "system/Observation.rs");

        assertThat(ping.status()).as(ping.body()).isEqualTo(200);
        assertThat(portal.status()).isEqualTo(200);
        assertThat(consents.status()).isEqualTo(200);
        assertThat(records.status()).isEqualTo(200);
        assertThat(newToken.status()).as(newToken.body()).isEqualTo(200);
    }

    @Test
    void ingest_whenALockWaitTimesOut_is503WithRetryAfter_andNothingIsStored() throws Exception {
        String token = accessToken(registerSourceFeed("lkfeed-" + UUID.randomUUID().toString().substring(0, 8),
                world().hospital()), "system/*.cu");
        String mrn = "L" + UUID.randomUUID().toString().substring(0, 8);
        PersonAccount account = registerResident("lk-" + UUID.randomUUID().toString().substring(0, 8));
        org.azukari.consent.api.ResidentId resident = account.resident().orElseThrow();
        people.linkEnrolment(new EnrolmentLink(resident, world().hospital(), MRN, mrn));
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "101"),
                bearer(token)).body()).contains("201 Created");
        int before = bank.list(resident).size();

        RawHttp.Response during;
        try (Connection holder = DriverManager.getConnection(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""))) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT resident_id FROM tb_resident_keyring WHERE resident_id = ? FOR UPDATE")) {
                lock.setObject(1, resident.value());
                try (ResultSet locked = lock.executeQuery()) {
                    assertThat(locked.next()).as("the resident's keyring row, locked").isTrue();
                }
                during = http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "140"),
                        bearer(token));
            } finally {
                holder.rollback();
            }
        }

        assertThat(during.status()).as(during.body()).isEqualTo(503);
        assertThat(during.header("Retry-After")).isNotBlank();
        assertThat(during.body()).startsWith("{\"resourceType\":\"OperationOutcome\"")
                .contains("\"code\":\"transient\"").contains("FG-0503").doesNotContain("HAPI-0389")
                .doesNotContain("tb_resident_keyring");
        assertThat(bank.list(resident)).as("nothing stored").hasSize(before);
        assertThat(http.send("POST", "/fhir", "application/fhir+json", PatientGlucoseBundles.of(mrn, "140"),
                bearer(token)).body()).as("the same input, once the lock is gone").contains("201 Created");
    }
}
