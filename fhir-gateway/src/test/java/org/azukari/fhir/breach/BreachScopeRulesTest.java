package org.azukari.fhir.breach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.breach.BreachScope.Affected;
import org.azukari.fhir.breach.BreachScope.Compromised;
import org.azukari.fhir.breach.BreachScope.Window;
import org.junit.jupiter.api.Test;

/**
 * The breach scope's rules over a log written by hand, with a search that filters the way the
 * real ones do (the real search and the real releases are in {@code BreachScopeTest}): what counts
 * as released, and that a window too full to read is refused rather than answered in part.
 */
class BreachScopeRulesTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final ResidentId ALICE = new ResidentId(UUID.randomUUID());
    private static final ResidentId BOB = new ResidentId(UUID.randomUUID());
    private static final AccessActor EMR = new AccessActor(AccessActor.Kind.CLINIC_EMR, "emr-1", Optional.of("clinic"), Optional.of("emr-1"));
    private static final AccessActor APP = new AccessActor(AccessActor.Kind.WELLNESS_SERVICE, "app-1", Optional.of("well"),
            Optional.of("app-1"));

    /** Filters by actor, organisation, time and decision, newest first, paged: as JdbcAccessLogSearch does. */
    static final class ListSearch implements AccessLogSearch {
        final List<LoggedEntry> log = new ArrayList<>();

        void add(int minute, AccessActor actor, ResidentId resident, AccessAction action, AccessDecision decision,
                 String reason, String request, Map<String, Integer> counts) {
            log.add(new LoggedEntry(log.size() + 1, UUID.randomUUID(), T0.plusSeconds(60L * minute),
                    new AccessLogEntry(actor, Optional.of(resident), action, new TreeMap<>(counts), Set.of(DataCategory.MEDICAL),
                            Optional.of(new Purpose("treatment")), Set.of(), decision, reason, request), "0".repeat(64)));
        }

        @Override
        public List<LoggedEntry> search(AccessLogQuery q) {
            return log.stream()
                    .filter(l -> q.actorId().map(a -> a.equals(l.entry().actor().id())).orElse(true))
                    .filter(l -> q.organisation().map(o -> l.entry().actor().organisation().filter(o::equals).isPresent())
                            .orElse(true))
                    .filter(l -> q.from().map(f -> !l.at().isBefore(f)).orElse(true))
                    .filter(l -> q.to().map(t -> l.at().isBefore(t)).orElse(true))
                    .filter(l -> q.decision().map(d -> d == l.entry().decision()).orElse(true))
                    .sorted(Comparator.comparingLong(LoggedEntry::sequence).reversed())
                    .filter(l -> q.before().map(b -> l.sequence() < b).orElse(true))
                    .limit(q.limit()).toList();
        }
    }

    private final ListSearch log = new ListSearch();
    private final BreachScope scope = new BreachScope(log);
    private final Window window = new Window(T0.plusSeconds(60 * 10), T0.plusSeconds(60 * 20));

    private List<String> requests(Compromised compromised) {
        return scope.affected(compromised, window).stream().flatMap(a -> a.releases().stream())
                .map(l -> l.entry().requestId()).toList();
    }

    @Test
    void aReleaseThatTheLogSaysFailed_evenJustAfterTheWindow_isNotCounted() {
        log.add(12, EMR, ALICE, AccessAction.SEARCH, AccessDecision.PERMIT, "consent-permit", "r1", Map.of("Observation", 2));
        log.add(19, EMR, BOB, AccessAction.READ, AccessDecision.PERMIT, "consent-permit", "r2", Map.of("Observation", 1));
        log.add(21, EMR, BOB, AccessAction.READ, AccessDecision.PERMIT, "release-failed", "r2", Map.of());

        assertThat(requests(new Compromised(Compromised.Kind.CLIENT, "emr-1"))).containsExactly("r1");
    }

    @Test
    void denials_shareCodeExchangesWithoutRecords_otherActions_andEntriesOutsideTheWindow_areNotCounted() {
        log.add(9, EMR, ALICE, AccessAction.SEARCH, AccessDecision.PERMIT, "consent-permit", "before", Map.of("Observation", 1));
        log.add(11, EMR, ALICE, AccessAction.SEARCH, AccessDecision.DENY, "no-consent", "denied", Map.of());
        log.add(12, EMR, ALICE, AccessAction.READ, AccessDecision.PERMIT, "share-code-exchanged", "code", Map.of());
        log.add(13, EMR, ALICE, AccessAction.INGEST, AccessDecision.PERMIT, "stored", "ingest", Map.of("Observation", 1));
        log.add(14, EMR, BOB, AccessAction.SEARCH, AccessDecision.PERMIT, "consent-permit", "inside", Map.of("Observation", 3));
        log.add(20, EMR, BOB, AccessAction.SEARCH, AccessDecision.PERMIT, "consent-permit", "at-to", Map.of("Observation", 1));

        List<Affected> affected = scope.affected(new Compromised(Compromised.Kind.CLIENT, "emr-1"), window);

        assertThat(affected).singleElement().satisfies(a -> {
            assertThat(a.resident()).isEqualTo(BOB);
            assertThat(a.records()).isEqualTo(3);
        });
    }

    @Test
    void exports_countForTheServiceThatExported_andAnOrganisationsScopeCoversItsClientsOnly() {
        log.add(12, APP, ALICE, AccessAction.EXPORT, AccessDecision.PERMIT, "dataset-export", "ds-1.job-1",
                Map.of("Observation", 4, "Patient", 1));
        log.add(13, EMR, BOB, AccessAction.SEARCH, AccessDecision.PERMIT, "consent-permit", "r3", Map.of("Observation", 1));

        List<Affected> byClient = scope.affected(new Compromised(Compromised.Kind.CLIENT, "app-1"), window);
        List<Affected> byOrganisation = scope.affected(new Compromised(Compromised.Kind.ORGANISATION, "clinic"), window);

        assertThat(byClient).singleElement().satisfies(a -> {
            assertThat(a.resident()).isEqualTo(ALICE);
            assertThat(a.records()).isEqualTo(5);
            assertThat(a.resourceCounts()).containsEntry("Patient", 1).containsEntry("Observation", 4);
            assertThat(a.organisation()).contains("well");
        });
        assertThat(byOrganisation).singleElement().satisfies(a -> assertThat(a.resident()).isEqualTo(BOB));
    }

    @Test
    void aWindowWithMoreEntriesThanOneScopeReads_isRefused_notAnsweredInPart() {
        for (int i = 0; i < BreachScope.MAX_ENTRIES + 1; i++) {
            log.log.add(new LoggedEntry(i + 1, UUID.randomUUID(), T0.plusSeconds(60 * 10 + i % 500),
                    new AccessLogEntry(EMR, Optional.of(ALICE), AccessAction.READ, new TreeMap<>(Map.of("Observation", 1)),
                            Set.of(DataCategory.MEDICAL), Optional.empty(), Set.of(), AccessDecision.PERMIT,
                            "consent-permit", "r" + i), "0".repeat(64)));
        }

        assertThatThrownBy(() -> scope.affected(new Compromised(Compromised.Kind.CLIENT, "emr-1"), window))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AL-0004");
    }

    @Test
    void theCompromisedParty_andTheWindow_areCheckedBeforeAnyWork() {
        assertThatThrownBy(() -> Compromised.of(Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessageStartingWith("AL-0002");
        assertThatThrownBy(() -> Compromised.of(Optional.of("emr-1"), Optional.empty(), Optional.of("clinic")))
                .hasMessageStartingWith("AL-0002");
        assertThatThrownBy(() -> Window.of(Optional.of(T0), Optional.of(T0))).hasMessageStartingWith("AL-0003");
        assertThatThrownBy(() -> Window.of(Optional.of(T0), Optional.of(T0.plusSeconds(367L * 86400))))
                .hasMessageStartingWith("AL-0003");
        assertThat(Window.of(Optional.of(T0), Optional.of(T0.plusSeconds(366L * 86400)))).isNotNull();
        assertThat(log.log).isEmpty();
    }
}
