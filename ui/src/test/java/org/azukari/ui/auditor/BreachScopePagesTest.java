package org.azukari.ui.auditor;

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
import java.util.concurrent.atomic.AtomicInteger;
import org.azukari.consent.api.AccessAction;
import org.azukari.consent.api.AccessActor;
import org.azukari.consent.api.AccessDecision;
import org.azukari.consent.api.AccessLogEntry;
import org.azukari.consent.api.AccessLogSearch;
import org.azukari.consent.api.DataCategory;
import org.azukari.consent.api.LoggedEntry;
import org.azukari.consent.api.Purpose;
import org.azukari.consent.api.ResidentId;
import org.azukari.fhir.breach.BreachScope;
import org.junit.jupiter.api.Test;
import org.springframework.ui.ExtendedModelMap;

/**
 * The page's refusals that the populated bank of the server's tests cannot reach cheaply: a window
 * holding more entries than one request may read keeps the query's own code ({@code AL-0004}, the
 * 400 page shows it), and input is refused before the log is read. The page over HTTP is tested in
 * the server's {@code AuditorBreachScopePagesTest}.
 */
class BreachScopePagesTest {

    private static final AccessActor EMR = new AccessActor(AccessActor.Kind.CLINIC_EMR, "emr-1", Optional.of("clinic"),
            Optional.of("emr-1"));

    /** A log that always has a full page more of the client's releases. */
    private static final class EndlessLog implements AccessLogSearch {
        final AtomicInteger searches = new AtomicInteger();

        @Override
        public List<LoggedEntry> search(org.azukari.consent.api.AccessLogQuery query) {
            searches.incrementAndGet();
            List<LoggedEntry> page = new ArrayList<>();
            for (int i = 0; i < query.limit(); i++) {
                page.add(new LoggedEntry(1_000_000L - searches.get() * 1000L - i, UUID.randomUUID(),
                        Instant.parse("2026-12-01T03:00:00Z"), new AccessLogEntry(EMR,
                        Optional.of(new ResidentId(UUID.randomUUID())), AccessAction.READ,
                        new TreeMap<>(Map.of("Observation", 1)), Set.of(DataCategory.MEDICAL),
                        Optional.of(new Purpose("treatment")), Set.of(), AccessDecision.PERMIT, "consent", "req-" + i),
                        "0".repeat(64)));
            }
            return page;
        }
    }

    private final EndlessLog log = new EndlessLog();
    private final BreachScopePages pages = new BreachScopePages(new BreachScope(log), null);

    private static Map<String, String> asked(String kind, String id) {
        return Map.of("kind", kind, "id", id, "from", "2026-12-01", "to", "2026-12-01");
    }

    @Test
    void aWindowWithMoreThanTenThousandEntries_isRefusedWithTheQuerysOwnCode_neverAnsweredInPart() {
        assertThatThrownBy(() -> pages.page(asked("client", "emr-1"), new ExtendedModelMap()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("AL-0004 ");
        assertThat(log.searches.get()).isEqualTo(BreachScope.MAX_ENTRIES / 1000);
    }

    @Test
    void malformedInput_isRefusedWithTheFieldsName_beforeTheLogIsRead() {
        for (Map<String, String> bad : List.of(asked("printer", "emr-1"), asked("client", "Emr 1"),
                asked("account", "not-an-account"), asked("organisation", ""),
                Map.of("kind", "client", "id", "emr-1", "from", "2026-12-01", "to", "2026-12-01", "offset", "-1"))) {
            assertThatThrownBy(() -> pages.page(bad, new ExtendedModelMap())).as(bad.toString())
                    .hasMessageMatching("AU-0001 (kind|id|offset) is not valid");
        }
        assertThat(log.searches.get()).isZero();
    }
}
