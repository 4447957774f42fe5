package org.azukari.identity.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.azukari.identity.api.OrganisationId;
import org.azukari.identity.api.PrincipalKind;
import org.azukari.identity.api.SecurityEvent;
import org.azukari.identity.people.jdbc.JdbcSecurityEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcSecurityEventsTest {

    @TempDir
    Path directory;

    private PeopleFixture fixture;

    @BeforeEach
    void start() {
        fixture = new PeopleFixture(directory);
    }

    private Map<String, Object> recorded(SecurityEvent event) {
        fixture.events.record(event);
        return fixture.jdbc.queryForMap("SELECT * FROM id_security_event");
    }

    @Test
    void record_ofAnEvent_storesItsIdsAndCodes() {
        Map<String, Object> row = recorded(new SecurityEvent(Instant.parse("2026-04-01T09:00:00Z"),
                SecurityEvent.Type.TOKEN_REFUSED, Optional.of(PrincipalKind.CLINIC_EMR), "kaga-emr",
                Optional.of(new OrganisationId("kaga-hospital")), "ID-0301", Optional.of("/oauth/token")));

        assertThat(row).containsEntry("EVENT_TYPE", "TOKEN_REFUSED").containsEntry("PRINCIPAL_KIND", "CLINIC_EMR")
                .containsEntry("SUBJECT", "kaga-emr").containsEntry("ORGANISATION_ID", "kaga-hospital")
                .containsEntry("REASON_CODE", "ID-0301").containsEntry("REQUEST_PATH", "/oauth/token");
    }

    @Test
    void record_ofAPathWithAQuery_dropsTheQueryWhereTokensTravel() {
        Map<String, Object> row = recorded(event("someone", "ID-0120",
                Optional.of("/fhir/Patient?access_token=eyJsecret#frag")));

        assertThat(row.get("REQUEST_PATH")).isEqualTo("/fhir/Patient");
    }

    @Test
    void record_ofAVeryLongPath_cutsIt() {
        Map<String, Object> row = recorded(event("someone", "ID-0120", Optional.of("/" + "a".repeat(1000))));

        assertThat(row.get("REQUEST_PATH").toString()).hasSize(JdbcSecurityEvents.MAX_PATH);
    }

    @Test
    void record_ofASubjectThatIsNotAnId_storesUnknown() {
        Map<String, Object> row = recorded(event("Hanako Kaga <hanako@example.jp>", "ID-0120", Optional.empty()));

        assertThat(row.get("SUBJECT")).isEqualTo("unknown");
    }

    @Test
    void record_ofAReasonThatIsNotACode_storesInvalid() {
        Map<String, Object> row = recorded(event("someone", "password was hunter2", Optional.empty()));

        assertThat(row.get("REASON_CODE")).isEqualTo("invalid");
    }

    private static SecurityEvent event(String subject, String reason, Optional<String> path) {
        return new SecurityEvent(Instant.now(), SecurityEvent.Type.ACCESS_REFUSED, Optional.empty(), subject,
                Optional.empty(), reason, path);
    }
}
