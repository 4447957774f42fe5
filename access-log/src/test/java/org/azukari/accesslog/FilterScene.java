package org.azukari.accesslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
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

/**
 * Six entries that tell the filters by client, action, emergency and request id apart, and the
 * answers every {@link AccessLogSearch} must give over them: the same scene for SQL on H2 and
 * PostgreSQL and for Elasticsearch.
 */
public final class FilterScene {

    private FilterScene() {
    }

    /**
     * 1 READ through client emr-1 (req-a); 2 READ through emr-2 (req-b); 3 a break-glass opening
     * by a practitioner, no client (req-c); 4 a READ under it through emr-1 (req-d); 5 the bank's
     * sign-in (req-e); 6 a denied SEARCH through emr-1 under req-a again.
     */
    public static List<AccessLogEntry> entries(ResidentId resident) {
        return List.of(
                entry(clinic("emr-1"), resident, AccessAction.READ, AccessDecision.PERMIT, "consent-permit", "req-a"),
                entry(clinic("emr-2"), resident, AccessAction.READ, AccessDecision.PERMIT, "consent-permit", "req-b"),
                entry(new AccessActor("PRACTITIONER", "doc-1", Optional.of("org-3"), Optional.empty()), resident,
                        AccessAction.EMERGENCY_ACCESS, AccessDecision.PERMIT, "emergency-access", "req-c"),
                entry(clinic("emr-1"), resident, AccessAction.READ, AccessDecision.PERMIT,
                        "consent-and-emergency-access", "req-d"),
                new AccessLogEntry(AccessActor.bank(), Optional.empty(), AccessAction.SIGN_IN, new TreeMap<>(), Set.of(),
                        Optional.empty(), Set.of(), AccessDecision.PERMIT, "signed-in", "req-e"),
                entry(clinic("emr-1"), resident, AccessAction.SEARCH, AccessDecision.DENY, "no-consent", "req-a"));
    }

    /**
     * The scene's entries and then one entry for each reason code that makes an entry emergency
     * (under an action that does not), and one under a reason that does not: what a migration's
     * backfill must tell apart as the entry itself does.
     */
    public static List<AccessLogEntry> withEveryEmergencyReason(ResidentId resident) {
        List<AccessLogEntry> entries = new ArrayList<>(entries(resident));
        AccessLogEntry.EMERGENCY_REASONS.stream().sorted().forEach(reason -> entries.add(entry(clinic("emr-3"), resident,
                AccessAction.ACCOUNT_CHANGE, AccessDecision.PERMIT, reason, "req-" + reason)));
        entries.add(entry(clinic("emr-3"), resident, AccessAction.ACCOUNT_CHANGE, AccessDecision.PERMIT,
                "account-disabled", "req-z"));
        return entries;
    }

    /** What each new criterion finds among {@link #entries}, logged in that order as {@code logged}. */
    public static void assertFound(AccessLogSearch search, List<LoggedEntry> logged) {
        assertThat(logged).hasSize(6);
        AccessLogQuery all = AccessLogQuery.builder().build();
        assertThat(search.search(all.toBuilder().client("emr-1").build())).as("client")
                .containsExactly(logged.get(5), logged.get(3), logged.get(0));
        assertThat(search.search(all.toBuilder().action(AccessAction.READ).build())).as("action")
                .containsExactly(logged.get(3), logged.get(1), logged.get(0));
        assertThat(search.search(all.toBuilder().actions(Set.of(AccessAction.READ, AccessAction.SEARCH)).build()))
                .as("any of two actions").containsExactly(logged.get(5), logged.get(3), logged.get(1), logged.get(0));
        assertThat(search.search(all.toBuilder().emergency(true).build())).as("emergency")
                .containsExactly(logged.get(3), logged.get(2));
        assertThat(search.search(all.toBuilder().emergency(false).build())).as("not emergency")
                .containsExactly(logged.get(5), logged.get(4), logged.get(1), logged.get(0));
        assertThat(search.search(all.toBuilder().requestId("req-a").build())).as("request id")
                .containsExactly(logged.get(5), logged.get(0));
        assertThat(search.search(all.toBuilder().client("emr-1").emergency(true).build())).as("combined with AND")
                .containsExactly(logged.get(3));
        assertThat(search.search(all.toBuilder().client("emr-*").build())).as("no wildcards").isEmpty();
        assertThat(search.search(all.toBuilder().client("emr-1").before(logged.get(5).sequence()).limit(1).build()))
                .as("the cursor").containsExactly(logged.get(3));
    }

    private static AccessActor clinic(String client) {
        return new AccessActor("CLINIC_EMR", "clinic-7", Optional.of("org-3"), Optional.of(client));
    }

    private static AccessLogEntry entry(AccessActor actor, ResidentId resident, AccessAction action,
                                        AccessDecision decision, String reason, String request) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        counts.put("Observation", 2);
        return new AccessLogEntry(actor, Optional.of(resident), action, counts, Set.of(DataCategory.MEDICAL),
                Optional.of(new Purpose("treatment")), Set.of(), decision, reason, request);
    }
}
