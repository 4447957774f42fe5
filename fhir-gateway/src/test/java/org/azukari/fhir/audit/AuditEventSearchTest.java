package org.azukari.fhir.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
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
import org.azukari.consent.api.AccessLogQuery;
import org.azukari.consent.api.AccessLogUnavailableException;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.mapping.AuditEvents;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

/**
 * The search's parameters as access-log criteria, and its page, against a recording search (the
 * seam's real implementations are proven in consent-policy and over HTTP in the server's
 * {@code FhirAuditEventSearchTest}).
 */
class AuditEventSearchTest {

    private static final String BASE = "https://bank.example/fhir";
    private final ResidentId resident = ResidentId.random();
    private final List<AccessLogQuery> asked = new ArrayList<>();

    private static Map<String, String[]> params(String... pairs) {
        Map<String, String[]> map = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            String name = pairs[i];
            String[] old = map.getOrDefault(name, new String[0]);
            String[] values = java.util.Arrays.copyOf(old, old.length + 1);
            values[old.length] = pairs[i + 1];
            map.put(name, values);
        }
        return map;
    }

    private LoggedEntry entry(long sequence, AccessAction action, AccessDecision decision, String reason) {
        return new LoggedEntry(sequence, UUID.randomUUID(), Instant.parse("2026-11-26T10:00:00Z"), new AccessLogEntry(
                new AccessActor("CLINIC_EMR", "emr-1", Optional.of("clinic-1"), Optional.of("emr-1")),
                Optional.of(resident), action, new TreeMap<>(Map.of("Observation", 2)), Set.of(), Optional.empty(),
                Set.of(), decision, reason, "req-" + sequence), "0".repeat(64));
    }

    private AuditEventSearch answering(List<LoggedEntry> entries) {
        return new AuditEventSearch(query -> {
            asked.add(query);
            return entries;
        });
    }

    @Test
    void parse_theBalpParameters_becomeTheLogsCriteria() {
        AccessLogQuery query = AuditEventCriteria.parse(params("patient", "Patient/" + resident, "agent",
                "Organization/clinic-1", "date", "ge2026-11-26", "date", "lt2026-11-27T00:00:00+09:00", "subtype",
                "read,search-type", "outcome", "4", "_count", "10", "_before", "42")).query();

        assertThat(query.resident()).contains(resident);
        assertThat(query.organisation()).contains("clinic-1");
        assertThat(query.from()).contains(Instant.parse("2026-11-25T15:00:00Z"));
        assertThat(query.to()).contains(Instant.parse("2026-11-26T15:00:00Z"));
        assertThat(query.actions()).containsExactlyInAnyOrder(AccessAction.READ, AccessAction.EMERGENCY_ACCESS,
                AccessAction.SEARCH);
        assertThat(query.decision()).contains(AccessDecision.DENY);
        assertThat(query.limit()).isEqualTo(10);
        assertThat(query.before()).contains(42L);
    }

    @Test
    void parse_agentAsDeviceOrBareId_andEntityAsRequestId_mapToClientActorAndRequest() {
        assertThat(AuditEventCriteria.parse(params("agent", "Device/emr-1")).query().client()).contains("emr-1");
        assertThat(AuditEventCriteria.parse(params("agent", "emr-1")).query().actorId()).contains("emr-1");
        assertThat(AuditEventCriteria.parse(params("entity:identifier", AuditEvents.REQUEST_SYSTEM + "|req-7")).query()
                .requestId()).contains("req-7");
    }

    @Test
    void parse_contradictoryCriteria_matchNothing_andTheLogIsNotAsked() {
        ResidentId other = ResidentId.random();
        for (Map<String, String[]> contradictory : List.of(
                params("patient", resident.toString(), "entity", "Patient/" + other),
                params("type", "rest", "type", "http://dicom.nema.org/resources/ontology/DCM|110114"),
                params("date", "gt2026-11-27", "date", "lt2026-11-26"))) {
            AuditEventCriteria criteria = AuditEventCriteria.parse(contradictory);
            Bundle bundle = answering(List.of(entry(1, AccessAction.READ, AccessDecision.PERMIT, "consent-permit")))
                    .search(criteria, BASE);
            assertThat(criteria.matchesNothing()).isTrue();
            assertThat(bundle.getEntry()).isEmpty();
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void search_outcome8_keepsOnlyFailedReleases_andOutcome0OnlyTheOthers_bothAskingForPermits() {
        List<LoggedEntry> entries = List.of(entry(3, AccessAction.READ, AccessDecision.PERMIT, AuditEvents.RELEASE_FAILED),
                entry(2, AccessAction.READ, AccessDecision.PERMIT, "consent-permit"));

        Bundle failed = answering(entries).search(AuditEventCriteria.parse(params("outcome", "8")), BASE);
        Bundle fine = answering(entries).search(AuditEventCriteria.parse(params("outcome", "0")), BASE);

        assertThat(failed.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getOutcome().toCode())
                .containsExactly("8");
        assertThat(fine.getEntry()).extracting(e -> ((AuditEvent) e.getResource()).getOutcome().toCode())
                .containsExactly("0");
        assertThat(asked).extracting(AccessLogQuery::decision).containsOnly(Optional.of(AccessDecision.PERMIT));
    }

    @Test
    void search_aFullPage_linksTheNextOlderPage_fromItsOldestSequence_evenWhenEntriesWereFilteredOut() {
        List<LoggedEntry> entries = List.of(entry(9, AccessAction.READ, AccessDecision.PERMIT, "consent-permit"),
                entry(5, AccessAction.READ, AccessDecision.PERMIT, AuditEvents.RELEASE_FAILED));

        Bundle bundle = answering(entries).search(AuditEventCriteria.parse(params("outcome", "0", "_count", "2",
                "patient", resident.toString())), BASE);

        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(bundle.getLink("next").getUrl()).isEqualTo(BASE + "/AuditEvent?outcome=0&patient=" + resident
                + "&_count=2&_before=5");
        assertThat(bundle.hasTotal()).isFalse();
        Bundle last = answering(entries.subList(0, 1)).search(AuditEventCriteria.parse(params("_count", "2")), BASE);
        assertThat(last.getLink("next")).isNull();
    }

    @Test
    void search_whenTheIndexCannotAnswer_is503_notAnEmptyPage() {
        AuditEventSearch down = new AuditEventSearch(query -> {
            throw new AccessLogUnavailableException("index down", null);
        });

        assertThatThrownBy(() -> down.search(AuditEventCriteria.parse(params()), BASE))
                .isInstanceOf(AuditSearchRefusedException.class).hasMessageStartingWith("FG-0745")
                .satisfies(e -> assertThat(((AuditSearchRefusedException) e).status()).isEqualTo(503));
    }

    @Test
    void parse_badValues_areRefusedByCode_namingTheParameterOnly() {
        assertThatThrownBy(() -> AuditEventCriteria.parse(params("date", "2026-02-30")))
                .hasMessageStartingWith("FG-0742").hasMessageNotContaining("2026");
        assertThatThrownBy(() -> AuditEventCriteria.parse(params("outcome", "12")))
                .hasMessageStartingWith("FG-0744");
        assertThatThrownBy(() -> AuditEventCriteria.parse(params("agent", "Practitioner/doc-1")))
                .hasMessageStartingWith("FG-0744").hasMessageNotContaining("doc-1");
        assertThatThrownBy(() -> AuditEventCriteria.parse(params("date", "ge2026", "date", "ge2027", "date", "ge2028",
                "date", "ge2029", "date", "ge2030"))).hasMessageStartingWith("FG-0743");
    }
}
