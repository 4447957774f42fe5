package org.azukari.fhir.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.hl7.fhir.r4.model.AuditEvent;
import org.junit.jupiter.api.Test;

class AuditEventsTest {

    private final ResidentId resident = ResidentId.random();

    private LoggedEntry entry(AccessAction action, AccessDecision decision) {
        return new LoggedEntry(7, UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), new AccessLogEntry(
                new AccessActor("CLINIC_EMR", "clinic-emr-1", Optional.of("clinic-1"), Optional.of("clinic-emr-1")),
                Optional.of(resident), action, new TreeMap<>(Map.of("Observation", 12)), Set.of(DataCategory.MEDICAL),
                Optional.of(new Purpose("treatment")), Set.of("consent-1"), decision, "consent-permit", "req-1"),
                "0".repeat(64));
    }

    @Test
    void permittedRead_becomesASuccessfulRestReadAuditEvent() {
        AuditEvent event = AuditEvents.toFhir(entry(AccessAction.READ, AccessDecision.PERMIT), AuditEvents.Audience.AUDITOR);

        assertThat(event.getType().getCode()).isEqualTo("rest");
        assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("read");
        assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.R);
        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
        assertThat(event.getPurposeOfEventFirstRep().getCodingFirstRep().getCode()).isEqualTo("treatment");
        assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo("clinic-emr-1");
        assertThat(event.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(resident.toString());
        assertThat(event.getEntityFirstRep().getDetail()).extracting(d -> d.getType()).contains("Observation", "category");
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).contains("Consent/consent-1");
    }

    @Test
    void denial_isAMinorFailureWithItsReason() {
        AuditEvent event = AuditEvents.toFhir(entry(AccessAction.READ, AccessDecision.DENY), AuditEvents.Audience.AUDITOR);

        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
        assertThat(event.getOutcomeDesc()).isEqualTo("consent-permit");
    }

    @Test
    void aReleaseThatFailedAfterItsEntry_isASeriousFailure() {
        LoggedEntry permitted = entry(AccessAction.SEARCH, AccessDecision.PERMIT);
        AccessLogEntry e = permitted.entry();
        LoggedEntry failed = new LoggedEntry(8, UUID.randomUUID(), permitted.at(), new AccessLogEntry(e.actor(),
                e.resident(), e.action(), new TreeMap<>(), Set.of(), e.purpose(), e.consents(), AccessDecision.PERMIT,
                AuditEvents.RELEASE_FAILED, e.requestId()), "0".repeat(64));

        AuditEvent event = AuditEvents.toFhir(failed, AuditEvents.Audience.AUDITOR);

        assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._8);
        assertThat(event.getOutcomeDesc()).isEqualTo("release-failed");
    }

    @Test
    void theResidentsOwnView_neverShowsTheirInternalId() {
        String json = AuditEvents.searchsetJson(List.of(entry(AccessAction.INGEST, AccessDecision.PERMIT)),
                AuditEvents.Audience.RESIDENT_SELF);

        assertThat(json).contains("\"resourceType\":\"Bundle\"").contains("\"type\":\"searchset\"")
                .contains("AuditEvent").doesNotContain(resident.toString());
    }
}
